/// The stylesheet, script and icon, served by the pool from memory (`/ui/assets/…`): nothing
/// to install beside the binary. The pages work without the script; it adds table sorting.
public enum DashboardAssets {
    public struct Asset: Sendable {
        public let contentType: String
        public let body: String
    }

    /// By file name under `/ui/assets/`.
    public static func named(_ name: String) -> Asset? {
        switch name {
        case "dashboard.css": Asset(contentType: "text/css; charset=utf-8", body: stylesheet)
        case "dashboard.js": Asset(contentType: "text/javascript; charset=utf-8", body: script)
        case "icon.svg": icon
        default: nil
        }
    }

    public static let icon = Asset(contentType: "image/svg+xml", body: """
        <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><rect width="16" height="16" rx="3" fill="#1f5f8b"/>\
        <path d="M3 4l2 8 3-6 3 6 2-8" fill="none" stroke="#fff" stroke-width="1.6" stroke-linejoin="round"/></svg>
        """)

    public static let stylesheet = """
        :root{--ink:#1d232a;--muted:#5d6873;--line:#d9dee3;--accent:#1f5f8b;--bg:#f6f8fa;--warn:#8a4b00;--bad:#a11d2b;--ok:#1d6b3a}
        *{box-sizing:border-box}
        body{margin:0;font:15px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:var(--ink);background:var(--bg)}
        header{display:flex;flex-wrap:wrap;align-items:center;gap:1rem;padding:.5rem 1.25rem;background:#fff;border-bottom:1px solid var(--line)}
        header .brand{font-weight:700;color:var(--accent);text-decoration:none}
        nav ul{display:flex;flex-wrap:wrap;gap:.25rem;margin:0;padding:0;list-style:none}
        nav a{display:block;padding:.3rem .6rem;border-radius:4px;color:var(--ink);text-decoration:none}
        nav a:hover{background:var(--bg)}
        nav a[aria-current=page]{background:var(--accent);color:#fff}
        .viewer{margin-left:auto;display:flex;gap:.6rem;align-items:center;color:var(--muted)}
        .viewer form{margin:0}
        main{max-width:72rem;margin:0 auto;padding:1rem 1.25rem 3rem}
        h1{font-size:1.4rem;margin:.5rem 0 1rem}
        h2{font-size:1.1rem;margin:1.5rem 0 .5rem}
        a{color:var(--accent)}
        table{border-collapse:collapse;width:100%;background:#fff;border:1px solid var(--line);margin:.5rem 0 1rem}
        th,td{padding:.35rem .55rem;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}
        th{background:#eef1f4;font-weight:600;white-space:nowrap}
        td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
        table.sortable th{cursor:pointer}
        th[aria-sort=ascending]::after{content:" ▲"}
        th[aria-sort=descending]::after{content:" ▼"}
        .cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(14rem,1fr));gap:.75rem}
        .card{background:#fff;border:1px solid var(--line);border-radius:6px;padding:.75rem 1rem}
        .card h2{margin:0 0 .4rem;font-size:1rem}
        .figure-large{font-size:1.6rem;font-weight:700}
        .muted{color:var(--muted)}
        .status{display:inline-block;padding:0 .45rem;border-radius:10px;font-size:.85rem;border:1px solid currentColor}
        .status-completed,.status-resolved,.status-acknowledged{color:var(--ok)}
        .status-partial,.status-running,.status-queued{color:var(--warn)}
        .status-failed,.status-open,.status-cancelled{color:var(--bad)}
        .notice{background:#e8f1f8;border-left:4px solid var(--accent);padding:.5rem .75rem}
        .notice.warning{background:#fff4e5;border-color:var(--warn)}
        .missing{background:#fff;border:1px dashed var(--muted);border-radius:6px;padding:.75rem 1rem}
        form.inline{display:flex;gap:.4rem;align-items:center;margin:0}
        form.filters{display:flex;flex-wrap:wrap;gap:.75rem;align-items:end;margin-bottom:.75rem}
        label{display:flex;flex-direction:column;font-size:.85rem;color:var(--muted)}
        input,select,button{font:inherit;padding:.25rem .5rem}
        button{background:var(--accent);color:#fff;border:0;border-radius:4px;cursor:pointer}
        button.link{background:none;color:var(--accent);padding:0;text-decoration:underline}
        dl.fields{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem;background:#fff;border:1px solid var(--line);padding:.75rem 1rem}
        dl.fields dt{color:var(--muted)}
        dl.fields dd{margin:0}
        pre{background:#fff;border:1px solid var(--line);padding:.5rem;overflow:auto}
        .tree ul{list-style:none;margin:0;padding-left:1.25rem;border-left:1px dotted var(--line)}
        .tree>ul{padding-left:0;border:0}
        .tree>ul>li{padding-left:0}
        .tree li{margin:.1rem 0;padding-left:2.6rem}
        .tree .toggle{display:inline-block;width:2.6rem;margin-left:-2.6rem;text-decoration:none;font-size:.85rem}
        .tree .more{font-size:.9rem}
        .pager{display:flex;flex-wrap:wrap;gap:1rem;align-items:center;margin:.5rem 0}
        .tree .type{color:var(--muted);font-size:.85rem}
        svg.chart{max-width:100%;height:auto;background:#fff;border:1px solid var(--line)}
        svg.chart .bar{fill:var(--accent)}
        svg.chart text{font-size:12px;fill:var(--ink)}
        svg.graph .edge{stroke:var(--accent);stroke-opacity:.55}
        svg.graph .arrow{fill:var(--accent)}
        svg.graph circle{fill:#fff;stroke:var(--ink);stroke-width:1.5}
        .login{max-width:24rem;margin:3rem auto;background:#fff;border:1px solid var(--line);border-radius:6px;padding:1.25rem}
        .login form{display:flex;flex-direction:column;gap:.75rem}
        """

    public static let script = """
        // Sorting for tables marked "sortable": click a header to sort by it, again to reverse.
        "use strict";
        document.querySelectorAll("table.sortable").forEach(function (table) {
          table.querySelectorAll("thead th").forEach(function (th, column) {
            th.tabIndex = 0;
            function sort() {
              var ascending = th.getAttribute("aria-sort") !== "ascending";
              table.querySelectorAll("thead th").forEach(function (other) { other.removeAttribute("aria-sort"); });
              th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
              var body = table.tBodies[0];
              var rows = Array.prototype.slice.call(body.rows);
              rows.sort(function (a, b) {
                var x = a.cells[column] ? a.cells[column].textContent.trim() : "";
                var y = b.cells[column] ? b.cells[column].textContent.trim() : "";
                var nx = parseFloat(x), ny = parseFloat(y);
                var order = (!isNaN(nx) && !isNaN(ny) && String(nx) === x && String(ny) === y)
                  ? nx - ny : x.localeCompare(y);
                return ascending ? order : -order;
              });
              rows.forEach(function (row) { body.appendChild(row); });
            }
            th.addEventListener("click", sort);
            th.addEventListener("keydown", function (event) { if (event.key === "Enter") { sort(); } });
          });
        });

        """
}
