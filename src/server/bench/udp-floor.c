/*
 * The kernel's price of a media server's packets on this machine, without any server code: the least CPU a
 * server thread can spend per participant-frame (one RTP packet in, one out) over loopback UDP.
 *
 * N "phones" (one UDP socket each, as real phones have) each send one 172-byte packet to one "server" socket;
 * the server thread fetches them and sends one packet back to every phone. Only the server thread's CPU time
 * (CLOCK_THREAD_CPUTIME_ID around its own calls) is counted, two ways:
 *   - per packet: recvfrom + sendto for each (what a port-per-call or unbatched server pays),
 *   - batched: recvmmsg and sendmmsg of up to 64 datagrams a call (what the shared RTP port pays).
 * On loopback a send also carries the packet through the receiving socket's stack, as on a real network the
 * phone's kernel would; a real NIC's send is cheaper, so these are upper bounds for one host.
 *
 * Build and run (src/server/bench/media-load.sh does it when a C compiler is present):
 *   cc -O2 -o /tmp/udp-floor src/server/bench/udp-floor.c && /tmp/udp-floor 2000 50
 * Prints: FLOOR phones=N rounds=R per_packet_us=X batched_us=Y
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define PACKET 172
#define BATCH 64

static double thread_cpu_us(void) {
    struct timespec t;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return t.tv_sec * 1e6 + t.tv_nsec / 1e3;
}

static int udp_socket(struct sockaddr_in *bound) {
    int fd = socket(AF_INET, SOCK_DGRAM, 0);
    int size = 8 << 20;
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    socklen_t len = sizeof a;
    if (fd < 0) {
        perror("socket");
        exit(1);
    }
    setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, sizeof size);
    setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &size, sizeof size);
    if (bind(fd, (struct sockaddr *) &a, sizeof a) < 0 || getsockname(fd, (struct sockaddr *) bound, &len) < 0) {
        perror("bind");
        exit(1);
    }
    return fd;
}

int main(int argc, char **argv) {
    int phones = argc > 1 ? atoi(argv[1]) : 2000;
    int rounds = argc > 2 ? atoi(argv[2]) : 50;
    struct sockaddr_in server_addr;
    int server = udp_socket(&server_addr);
    int *phone = calloc(phones, sizeof *phone);
    struct sockaddr_in *phone_addr = calloc(phones, sizeof *phone_addr);
    static char packet[PACKET], in[BATCH][2048];
    double per_packet = 0, batched = 0;
    for (int i = 0; i < phones; i++) {
        phone[i] = udp_socket(&phone_addr[i]);
    }
    for (int mode = 0; mode < 2; mode++) {
        double spent = 0;
        for (int r = 0; r < rounds; r++) {
            for (int i = 0; i < phones; i++) { /* the phones' sends: not the server's CPU */
                sendto(phone[i], packet, PACKET, 0, (struct sockaddr *) &server_addr, sizeof server_addr);
            }
            double start = thread_cpu_us();
            if (mode == 0) {
                for (int i = 0; i < phones; i++) {
                    struct sockaddr_in from;
                    socklen_t len = sizeof from;
                    recvfrom(server, in[0], sizeof in[0], 0, (struct sockaddr *) &from, &len);
                }
                for (int i = 0; i < phones; i++) {
                    sendto(server, packet, PACKET, 0, (struct sockaddr *) &phone_addr[i], sizeof phone_addr[i]);
                }
            } else {
                struct mmsghdr msgs[BATCH];
                struct iovec iov[BATCH];
                struct sockaddr_in from[BATCH];
                for (int got = 0; got < phones;) {
                    int want = phones - got < BATCH ? phones - got : BATCH;
                    for (int k = 0; k < want; k++) {
                        iov[k] = (struct iovec) {in[k], sizeof in[k]};
                        msgs[k].msg_hdr = (struct msghdr) {.msg_name = &from[k], .msg_namelen = sizeof from[k],
                                                           .msg_iov = &iov[k], .msg_iovlen = 1};
                    }
                    int n = recvmmsg(server, msgs, want, 0, NULL);
                    if (n <= 0) {
                        perror("recvmmsg");
                        return 1;
                    }
                    got += n;
                }
                for (int sent = 0; sent < phones;) {
                    int want = phones - sent < BATCH ? phones - sent : BATCH;
                    for (int k = 0; k < want; k++) {
                        iov[k] = (struct iovec) {packet, PACKET};
                        msgs[k].msg_hdr = (struct msghdr) {.msg_name = &phone_addr[sent + k],
                                                           .msg_namelen = sizeof phone_addr[sent + k],
                                                           .msg_iov = &iov[k], .msg_iovlen = 1};
                    }
                    int n = sendmmsg(server, msgs, want, 0);
                    if (n <= 0) {
                        perror("sendmmsg");
                        return 1;
                    }
                    sent += n;
                }
            }
            spent += thread_cpu_us() - start;
            for (int i = 0; i < phones; i++) { /* the phones' receives: not the server's CPU */
                recv(phone[i], in[0], sizeof in[0], 0);
            }
        }
        if (mode == 0) {
            per_packet = spent / rounds / phones;
        } else {
            batched = spent / rounds / phones;
        }
    }
    printf("FLOOR phones=%d rounds=%d per_packet_us=%.2f batched_us=%.2f\n", phones, rounds, per_packet, batched);
    return 0;
}
