package org.confbridge.interfaces.rest;

import javax.ws.rs.core.Feature;
import javax.ws.rs.core.FeatureContext;
import javax.ws.rs.ext.Provider;
import org.glassfish.jersey.media.multipart.MultiPartFeature;

/** Sound uploads are multipart/form-data (RFC 7578); Jersey's support is not auto-discovered. */
@Provider
public class MultipartSupport implements Feature {

    @Override
    public boolean configure(FeatureContext context) {
        if (!context.getConfiguration().isRegistered(MultiPartFeature.class)) {
            context.register(MultiPartFeature.class);
        }
        return true;
    }
}
