internal import CCurl

/// The result of `curl_global_init`, which must run once before the first handle is made.
/// A global `let` is initialised lazily, exactly once, thread-safely (swift_once).
let curlGlobalInitResult: CURLcode = curl_global_init(Int(CURL_GLOBAL_DEFAULT))
