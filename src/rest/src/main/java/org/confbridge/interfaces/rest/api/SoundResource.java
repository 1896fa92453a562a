package org.confbridge.interfaces.rest.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import javax.inject.Inject;
import javax.validation.Valid;
import javax.validation.constraints.NotNull;
import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.DefaultValue;
import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import org.confbridge.app.ApiCaller;
import org.confbridge.app.InvalidInputException;
import org.confbridge.app.SoundFile;
import org.confbridge.app.SoundService;
import org.confbridge.interfaces.rest.Callers;
import org.confbridge.interfaces.rest.ErrorBody;
import org.glassfish.jersey.media.multipart.FormDataContentDisposition;
import org.glassfish.jersey.media.multipart.FormDataParam;

/**
 * Sound files: multipart upload ({@code title}, {@code file}: PCM WAV 8/16/24-bit or MP3, at most
 * 10 MB, else 413), converted once to 8 kHz mono 16-bit PCM (16 kHz from a 16 kHz or better source); the original is kept for download.
 */
@Path("ver1.0/client/{client_id}/sound")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "sound")
@SecurityRequirement(name = "oauth2")
public class SoundResource {

    /** Room for the multipart envelope and the title around a 10 MB file. */
    private static final long MAX_REQUEST_BYTES = SoundService.MAX_UPLOAD_BYTES + 64 * 1024;

    private final SoundService sounds;

    @Inject
    public SoundResource(SoundService sounds) {
        this.sounds = sounds;
    }

    @GET
    @Operation(summary = "List sounds")
    public List<Dtos.Sound> list(@Context SecurityContext security, @PathParam("client_id") String clientId) {
        ApiCaller caller = Callers.of(security);
        return sounds.list(caller, Callers.clientId(caller, clientId)).stream().map(Dtos.Sound::of).toList();
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(summary = "Upload a sound (WAV PCM 8/16/24-bit any rate mono/stereo, or MP3; at most 10 MB)",
            requestBody = @RequestBody(required = true, content = @Content(mediaType = MediaType.MULTIPART_FORM_DATA,
                    schema = @Schema(implementation = Dtos.SoundUploadForm.class))))
    public Response upload(@Context SecurityContext security, @PathParam("client_id") String clientId,
                           @Parameter(hidden = true) @HeaderParam(HttpHeaders.CONTENT_LENGTH) Long contentLength,
                           @Parameter(hidden = true) @FormDataParam("title") String title,
                           @Parameter(hidden = true) @FormDataParam("file") InputStream file,
                           @Parameter(hidden = true) @FormDataParam("file") FormDataContentDisposition disposition) {
        ApiCaller caller = Callers.of(security);
        if (tooLarge(contentLength)) {
            return payloadTooLarge();
        }
        byte[] data = readFile(file);
        if (data == null) {
            return payloadTooLarge();
        }
        if (title == null) {
            throw new InvalidInputException("title", "the form field 'title' is required");
        }
        Dtos.Sound created = Dtos.Sound.of(sounds.upload(caller, Callers.clientId(caller, clientId), title,
                filename(disposition), data));
        return Response.status(Response.Status.CREATED).entity(created).build();
    }

    @GET
    @Path("{sound_id}")
    @Operation(summary = "Get a sound's metadata")
    public Dtos.Sound get(@Context SecurityContext security, @PathParam("client_id") String clientId,
                          @PathParam("sound_id") long soundId) {
        ApiCaller caller = Callers.of(security);
        return Dtos.Sound.of(sounds.get(caller, Callers.clientId(caller, clientId), soundId));
    }

    @POST
    @Path("{sound_id}")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(summary = "Replace a sound's audio (and optionally its title)",
            requestBody = @RequestBody(required = true, content = @Content(mediaType = MediaType.MULTIPART_FORM_DATA,
                    schema = @Schema(implementation = Dtos.SoundUploadForm.class))))
    public Response replace(@Context SecurityContext security, @PathParam("client_id") String clientId,
                            @PathParam("sound_id") long soundId,
                            @Parameter(hidden = true) @HeaderParam(HttpHeaders.CONTENT_LENGTH) Long contentLength,
                            @Parameter(hidden = true) @FormDataParam("title") String title,
                            @Parameter(hidden = true) @FormDataParam("file") InputStream file,
                            @Parameter(hidden = true) @FormDataParam("file") FormDataContentDisposition disposition) {
        ApiCaller caller = Callers.of(security);
        if (tooLarge(contentLength)) {
            return payloadTooLarge();
        }
        byte[] data = readFile(file);
        if (data == null) {
            return payloadTooLarge();
        }
        return Response.ok(Dtos.Sound.of(sounds.replaceAudio(caller, Callers.clientId(caller, clientId), soundId,
                title, filename(disposition), data))).build();
    }

    @PUT
    @Path("{sound_id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Rename a sound")
    public Dtos.Sound rename(@Context SecurityContext security, @PathParam("client_id") String clientId,
                             @PathParam("sound_id") long soundId,
                             @NotNull(message = "a JSON body is required") @Valid Dtos.SoundRename body) {
        ApiCaller caller = Callers.of(security);
        return Dtos.Sound.of(sounds.rename(caller, Callers.clientId(caller, clientId), soundId, body.title()));
    }

    @DELETE
    @Path("{sound_id}")
    @Operation(summary = "Delete a sound (409 while a conference uses it)")
    public Response delete(@Context SecurityContext security, @PathParam("client_id") String clientId,
                           @PathParam("sound_id") long soundId) {
        ApiCaller caller = Callers.of(security);
        sounds.delete(caller, Callers.clientId(caller, clientId), soundId);
        return Response.noContent().build();
    }

    @GET
    @Path("{sound_id}/download")
    @Produces({"audio/wav", "audio/mpeg", MediaType.APPLICATION_JSON})
    @Operation(summary = "Download the original upload, or with converted=true the 8 or 16 kHz mono WAV the conference plays")
    public Response download(@Context SecurityContext security, @PathParam("client_id") String clientId,
                             @PathParam("sound_id") long soundId,
                             @QueryParam("converted") @DefaultValue("false") boolean converted) {
        ApiCaller caller = Callers.of(security);
        long client = Callers.clientId(caller, clientId);
        SoundFile file = converted ? sounds.converted(caller, client, soundId) : sounds.original(caller, client, soundId);
        return Response.ok(file.data(), file.contentType())
                .header("Content-Disposition", "attachment; filename=\"" + headerSafe(file.filename()) + "\"")
                .build();
    }

    /** Uploaded names are user input: keep them to printable ASCII without quotes in a header. */
    private static String headerSafe(String filename) {
        return filename.replaceAll("[^\\x20-\\x7E]|\"|\\\\", "_");
    }

    private static boolean tooLarge(Long contentLength) {
        return contentLength != null && contentLength > MAX_REQUEST_BYTES;
    }

    /** The file part's bytes, or null when it is larger than the limit; 400 when it is missing. */
    private static byte[] readFile(InputStream file) {
        if (file == null) {
            throw new InvalidInputException("file", "the form field 'file' is required");
        }
        try (InputStream in = file) {
            byte[] data = in.readNBytes(SoundService.MAX_UPLOAD_BYTES + 1);
            return data.length > SoundService.MAX_UPLOAD_BYTES ? null : data;
        } catch (IOException e) {
            throw new InvalidInputException("file", "the upload could not be read: " + e.getMessage());
        }
    }

    private static String filename(FormDataContentDisposition disposition) {
        if (disposition == null || disposition.getFileName() == null) {
            return null;
        }
        String name = disposition.getFileName();
        int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        name = name.substring(slash + 1);
        return name.length() > 255 ? name.substring(0, 255) : name;
    }

    private static Response payloadTooLarge() {
        return Response.status(413).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(ErrorBody.of("payload_too_large", "the file is larger than 10 MB")).build();
    }
}
