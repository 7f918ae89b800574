#ifndef COPENSSL_SHIM_H
#define COPENSSL_SHIM_H
// libcrypto from OpenSSL 3: SHA-256, HMAC and a constant-time compare. libpq already loads
// it, so the digests cost the processes no extra library.
// SHA256_Init/Update/Final are deprecated in 3.0 but kept: unlike the EVP path (which the
// one-shot SHA256() takes) they load no providers, which would grow every API worker.
#define OPENSSL_SUPPRESS_DEPRECATED
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/sha.h>
#endif
