#ifndef COPENSSL_SHIM_H
#define COPENSSL_SHIM_H
// libcrypto from OpenSSL 3: SHA-256, HMAC and a constant-time compare. libpq already loads
// it, so the digests cost the processes no extra library.
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/sha.h>
#endif
