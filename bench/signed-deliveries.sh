# Sourced by the bench scripts that post signed GitHub deliveries through wrk.
#   signed_deliveries_script FILE DIR EVENT PREFIX
#       writes a wrk script to FILE: each thread cycles through its bodies DIR/<thread>-<n>.json
#       with their signatures (DIR/signatures-<thread>, one a line), posting them to
#       /api/ingest/github as EVENT with delivery ids PREFIX-<thread>-<counter>
signed_deliveries_script() {
    cat > "$1" <<LUA
local bodies, signatures, count, counter, threads = {}, {}, 0, 0, 0
setup = function(thread) threads = threads + 1; thread:set("id", threads) end
init = function()
    for line in io.lines("$2/signatures-" .. id) do
        local file = io.open("$2/" .. id .. "-" .. count .. ".json", "rb")
        bodies[count] = file:read("*a"); file:close()
        signatures[count] = line; count = count + 1
    end
end
request = function()
    local index = counter % count
    counter = counter + 1
    return wrk.format("POST", "/api/ingest/github", {
        ["Content-Type"] = "application/json", ["X-GitHub-Event"] = "$3",
        ["X-GitHub-Delivery"] = "$4-" .. id .. "-" .. counter,
        ["X-Hub-Signature-256"] = signatures[index] }, bodies[index])
end
LUA
}
