package org.confbridge.interfaces.rest.live;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import javax.inject.Inject;
import javax.validation.Valid;
import javax.validation.constraints.NotNull;
import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import org.confbridge.app.ApiCaller;
import org.confbridge.app.ResourceNotFoundException;
import org.confbridge.app.moderation.LiveConferenceService;
import org.confbridge.domain.conference.PendingInvite;
import org.confbridge.domain.invite.InviteId;
import org.confbridge.domain.participant.ParticipantId;
import org.confbridge.interfaces.rest.Callers;

/**
 * The client's live conferences and moderator actions. A conference nobody is in is 404. Actions take
 * effect at once and answer with the conference as it is afterwards; removing a participant plays them
 * a goodbye before the hang-up, and invites follow the rules of {@code *8} (400 invalid number; 409
 * locked, full, or that number already being called).
 */
@Path("ver1.0/client/{client_id}/live")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "live")
@SecurityRequirement(name = "oauth2")
public class LiveConferenceResource {

    private final LiveConferenceService live;

    @Inject
    public LiveConferenceResource(LiveConferenceService live) {
        this.live = live;
    }

    @GET
    @Operation(summary = "List the client's live conferences with their participants (in a cluster: those of every"
            + " live node, each naming its node; header X-Confbridge-Missing-Nodes names nodes that did not answer)")
    public List<LiveDtos.Conference> list(@Context SecurityContext security, @PathParam("client_id") String clientId) {
        ApiCaller caller = Callers.of(security);
        return live.list(caller, Callers.clientId(caller, clientId)).stream().map(LiveDtos.Conference::of).toList();
    }

    @GET
    @Path("{extension_id}")
    @Operation(summary = "Get one live conference")
    public LiveDtos.Conference get(@Context SecurityContext security, @PathParam("client_id") String clientId,
                                   @PathParam("extension_id") long extensionId) {
        ApiCaller caller = Callers.of(security);
        return current(caller, Callers.clientId(caller, clientId), extensionId);
    }

    @PUT
    @Path("{extension_id}/participant/{participant_id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Mute or unmute one participant")
    public LiveDtos.Conference updateParticipant(@Context SecurityContext security,
                                                 @PathParam("client_id") String clientId,
                                                 @PathParam("extension_id") long extensionId,
                                                 @PathParam("participant_id") String participantId,
                                                 @NotNull(message = "a JSON body is required") @Valid
                                                 LiveDtos.ParticipantUpdate body) {
        ApiCaller caller = Callers.of(security);
        long client = Callers.clientId(caller, clientId);
        live.setMuted(caller, client, extensionId, participant(participantId), body.muted());
        return current(caller, client, extensionId);
    }

    @DELETE
    @Path("{extension_id}/participant/{participant_id}")
    @Operation(summary = "Remove a participant (they hear goodbye, then the call ends)")
    public Response removeParticipant(@Context SecurityContext security, @PathParam("client_id") String clientId,
                                      @PathParam("extension_id") long extensionId,
                                      @PathParam("participant_id") String participantId) {
        ApiCaller caller = Callers.of(security);
        live.remove(caller, Callers.clientId(caller, clientId), extensionId, participant(participantId));
        return Response.noContent().build();
    }

    @POST
    @Path("{extension_id}/mute_all")
    @Operation(summary = "Mute every non-moderator, and those who join until unmute_all (like *91)")
    public LiveDtos.Conference muteAll(@Context SecurityContext security, @PathParam("client_id") String clientId,
                                       @PathParam("extension_id") long extensionId) {
        ApiCaller caller = Callers.of(security);
        long client = Callers.clientId(caller, clientId);
        live.setAllMuted(caller, client, extensionId, true);
        return current(caller, client, extensionId);
    }

    @POST
    @Path("{extension_id}/unmute_all")
    @Operation(summary = "Unmute every non-moderator (like *90)")
    public LiveDtos.Conference unmuteAll(@Context SecurityContext security, @PathParam("client_id") String clientId,
                                         @PathParam("extension_id") long extensionId) {
        ApiCaller caller = Callers.of(security);
        long client = Callers.clientId(caller, clientId);
        live.setAllMuted(caller, client, extensionId, false);
        return current(caller, client, extensionId);
    }

    @POST
    @Path("{extension_id}/lock")
    @Operation(summary = "Lock: new callers and answered invites are turned away (like *92)")
    public LiveDtos.Conference lock(@Context SecurityContext security, @PathParam("client_id") String clientId,
                                    @PathParam("extension_id") long extensionId) {
        ApiCaller caller = Callers.of(security);
        long client = Callers.clientId(caller, clientId);
        live.setLocked(caller, client, extensionId, true);
        return current(caller, client, extensionId);
    }

    @POST
    @Path("{extension_id}/unlock")
    @Operation(summary = "Unlock (like *93)")
    public LiveDtos.Conference unlock(@Context SecurityContext security, @PathParam("client_id") String clientId,
                                      @PathParam("extension_id") long extensionId) {
        ApiCaller caller = Callers.of(security);
        long client = Callers.clientId(caller, clientId);
        live.setLocked(caller, client, extensionId, false);
        return current(caller, client, extensionId);
    }

    @POST
    @Path("{extension_id}/notifications_off")
    @Operation(summary = "No join/leave announcements (like *94)")
    public LiveDtos.Conference notificationsOff(@Context SecurityContext security,
                                                @PathParam("client_id") String clientId,
                                                @PathParam("extension_id") long extensionId) {
        ApiCaller caller = Callers.of(security);
        long client = Callers.clientId(caller, clientId);
        live.setJoinNotifications(caller, client, extensionId, false);
        return current(caller, client, extensionId);
    }

    @POST
    @Path("{extension_id}/notifications_on")
    @Operation(summary = "Join/leave announcements again (like *95)")
    public LiveDtos.Conference notificationsOn(@Context SecurityContext security,
                                               @PathParam("client_id") String clientId,
                                               @PathParam("extension_id") long extensionId) {
        ApiCaller caller = Callers.of(security);
        long client = Callers.clientId(caller, clientId);
        live.setJoinNotifications(caller, client, extensionId, true);
        return current(caller, client, extensionId);
    }

    @POST
    @Path("{extension_id}/invite")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Call a number into the conference through the trunk (rules of *8)")
    public Response invite(@Context SecurityContext security, @PathParam("client_id") String clientId,
                           @PathParam("extension_id") long extensionId,
                           @NotNull(message = "a JSON body is required") @Valid LiveDtos.InviteRequest body) {
        ApiCaller caller = Callers.of(security);
        PendingInvite invite = live.invite(caller, Callers.clientId(caller, clientId), extensionId, body.number());
        return Response.status(Response.Status.CREATED).entity(LiveDtos.Invite.of(invite)).build();
    }

    @DELETE
    @Path("{extension_id}/invite/{invite_id}")
    @Operation(summary = "Cancel a pending invite (its call is cancelled)")
    public Response cancelInvite(@Context SecurityContext security, @PathParam("client_id") String clientId,
                                 @PathParam("extension_id") long extensionId,
                                 @PathParam("invite_id") String inviteId) {
        ApiCaller caller = Callers.of(security);
        live.cancelInvite(caller, Callers.clientId(caller, clientId), extensionId, new InviteId(inviteId));
        return Response.noContent().build();
    }

    private LiveDtos.Conference current(ApiCaller caller, long clientId, long extensionId) {
        return LiveDtos.Conference.of(live.get(caller, clientId, extensionId));
    }

    private static ParticipantId participant(String token) {
        ParticipantId id = LiveDtos.participant(token);
        if (id == null) {
            throw new ResourceNotFoundException("participant", token);
        }
        return id;
    }
}
