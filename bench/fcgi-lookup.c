/* Baseline for `make bench`: a minimal libfcgi responder doing what the pool does for
 * GET /api/issues/{key}: hash the X-API-Key (SHA-256, hex); the first time, run one prepared
 * statement that checks the key and reads the issue's stored document, then remember the key
 * and read only the document, forgetting the key when a notification on
 * worksupport_api_keys_changed comes with the answer (as the pool's VerifiedKeyCache does);
 * answer 200 with the document (401 / 404 otherwise).
 * N pre-forked processes share one unix socket, each with its own libpq connection, and each
 * request is closed at once (as the pool's workers do on a unix socket).
 *   fcgi-lookup SOCKET_PATH WORKERS DATABASE_URL
 * It shows what the database and nginx leave for the lookup on this machine: the ceiling a
 * FastCGI worker in any language can reach with the same statements. */
#include "fcgi-prefork.h"
#include <libpq-fe.h>
#include <openssl/sha.h>
#include <stdlib.h>
#include <string.h>

/* The pool's statements (IssueQueries.issueDetailWithKeyCheck and issueDetail). */
static const char checked_statement[] =
    "SELECT k.id, k.name, k.key_hash,"
    "       CASE WHEN k.id IS NOT NULL THEN (SELECT d.body FROM issue_documents d"
    "                                        WHERE d.issue_key = $2::text) END AS body"
    " FROM (SELECT) AS one"
    " LEFT JOIN api_keys k ON k.key_hash = $1::text AND k.revoked_at IS NULL";
static const char document_statement[] = "SELECT body FROM issue_documents WHERE issue_key = $1::text";

/* The hash of the one key this process remembers ("" for none). */
static char remembered[2 * SHA256_DIGEST_LENGTH + 1];

/* Whether a key change came with the last answer; forgets the key if so. */
static int heard_key_change(PGconn *db) {
    int heard = 0;
    PGnotify *notification;
    while ((notification = PQnotifies(db)) != NULL) {
        heard = 1;
        PQfreemem(notification);
    }
    if (heard) remembered[0] = 0;
    return heard;
}

static void answer(FCGX_Request *request, const char *status, const char *body, int length) {
    FCGX_FPrintF(request->out,
                 "Status: %s\r\nContent-Type: application/json; charset=utf-8\r\n"
                 "Content-Length: %d\r\n\r\n", status, length);
    FCGX_PutStr(body, length, request->out);
}

static void lookup(FCGX_Request *request, PGconn *db) {
    static const char prefix[] = "/api/issues/";
    const char *uri = FCGX_GetParam("DOCUMENT_URI", request->envp);
    const char *key = FCGX_GetParam("HTTP_X_API_KEY", request->envp);
    if (!uri || strncmp(uri, prefix, sizeof prefix - 1) != 0 || !key) {
        answer(request, "401 Unauthorized", "{\"error\":\"unauthorized\"}", 24);
        return;
    }
    unsigned char digest[SHA256_DIGEST_LENGTH];
    SHA256((const unsigned char *)key, strlen(key), digest);
    char hex[2 * SHA256_DIGEST_LENGTH + 1];
    for (int i = 0; i < SHA256_DIGEST_LENGTH; i++) sprintf(hex + 2 * i, "%02x", digest[i]);
    const char *issue = uri + sizeof prefix - 1;
    if (strcmp(hex, remembered) == 0) {
        PGresult *result = PQexecPrepared(db, "document", 1, &issue, NULL, NULL, 0);
        if (!heard_key_change(db) && PQresultStatus(result) == PGRES_TUPLES_OK) {
            if (PQntuples(result) == 0) {
                answer(request, "404 Not Found", "{\"error\":\"not found\"}", 21);
            } else {
                answer(request, "200 OK", PQgetvalue(result, 0, 0), PQgetlength(result, 0, 0));
            }
            PQclear(result);
            return;
        }
        PQclear(result);
    }
    const char *values[2] = {hex, issue};
    PGresult *result = PQexecPrepared(db, "checked", 2, values, NULL, NULL, 0);
    heard_key_change(db);
    if (PQresultStatus(result) != PGRES_TUPLES_OK || PQntuples(result) != 1) {
        answer(request, "503 Service Unavailable", "{\"error\":\"database\"}", 20);
    } else if (PQgetisnull(result, 0, 0)) {
        answer(request, "401 Unauthorized", "{\"error\":\"unauthorized\"}", 24);
    } else {
        strcpy(remembered, hex);
        if (PQgetisnull(result, 0, 3)) {
            answer(request, "404 Not Found", "{\"error\":\"not found\"}", 21);
        } else {
            answer(request, "200 OK", PQgetvalue(result, 0, 3), PQgetlength(result, 0, 3));
        }
    }
    PQclear(result);
}

static void prepare(PGconn *db, const char *name, const char *sql, int parameters) {
    PGresult *prepared = PQprepare(db, name, sql, parameters, NULL);
    if (PQresultStatus(prepared) != PGRES_COMMAND_OK) {
        fprintf(stderr, "fcgi-lookup: %s", PQerrorMessage(db));
        _exit(1);
    }
    PQclear(prepared);
}

static void serve(int listen_fd, void *database_url) {
    PGconn *db = PQconnectdb((const char *)database_url);
    if (PQstatus(db) != CONNECTION_OK) {
        fprintf(stderr, "fcgi-lookup: %s", PQerrorMessage(db));
        _exit(1);
    }
    prepare(db, "checked", checked_statement, 2);
    prepare(db, "document", document_statement, 1);
    PQclear(PQexec(db, "LISTEN worksupport_api_keys_changed"));
    FCGX_Request request;
    FCGX_InitRequest(&request, listen_fd, 0);
    while (FCGX_Accept_r(&request) == 0) {
        lookup(&request, db);
        FCGX_Detach(&request);
        FCGX_Finish_r(&request);
    }
}

int main(int argc, char **argv) {
    if (argc != 4) {
        fprintf(stderr, "usage: %s SOCKET_PATH WORKERS DATABASE_URL\n", argv[0]);
        return 64;
    }
    return fcgi_prefork(argv[1], atoi(argv[2]), serve, argv[3]);
}
