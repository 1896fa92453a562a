package org.confbridge.app;

import org.confbridge.domain.settings.ConferenceSettings;
import org.confbridge.infrastructure.persistence.ClientEntity;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.JavaArchive;

/** The EJB module as the tests deploy it: services, entities, migrations and the domain's settings. */
final class Deployments {

    private Deployments() {
    }

    static JavaArchive appModule() {
        return ShrinkWrap.create(JavaArchive.class, "confbridge-app.jar")
                .addPackages(false, DatabaseMigrator.class.getPackage(), ClientEntity.class.getPackage(),
                        org.confbridge.app.audio.TelephonyPcm.class.getPackage(),
                        ConferenceSettings.class.getPackage())
                .addAsManifestResource("META-INF/persistence.xml", "persistence.xml")
                .addAsResource("db/migration/V1__data_model.sql");
    }
}
