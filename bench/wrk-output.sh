# Sourced by the bench scripts: figures read from the output of `wrk --latency`.
#   wrk_figures FILE    prints "req/s p99_ms"; the errors wrk counted go to stderr as notes
wrk_figures() {
    awk '/Non-2xx|Socket errors/ {print "  note: " $0}' "$1" >&2
    local rps p99
    rps=$(awk '/^Requests\/sec:/ {print $2}' "$1")
    p99=$(awk '$1 == "99%" {v=$2; if (v ~ /us$/) {sub(/us/,"",v); v=v/1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v=v*1000}; print v}' "$1")
    echo "$rps $p99"
}
