@testable import Dashboard
import Testing

@Suite struct HTMLEscapingTests {
    @Test func textEscapesEveryMarkupCharacter() {
        var html = HTML()
        html.element("td", text: "<script>alert(1)</script> & \"q\" 'a'")
        #expect(String(decoding: html.bytes, as: UTF8.self)
                == "<td>&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;q&quot; &#39;a&#39;</td>")
    }

    @Test func attributeValueCannotLeaveItsQuotes() {
        var html = HTML()
        html.open("input", [("value", "\"><img src=x onerror=alert(1)>")])
        #expect(String(decoding: html.bytes, as: UTF8.self)
                == "<input value=\"&quot;&gt;&lt;img src=x onerror=alert(1)&gt;\">")
    }

    @Test func externalLinkOnlyForWebSchemes() {
        var html = HTML()
        html.externalLink("javascript:alert(1)", text: "x")
        html.externalLink("HTTPS://jira.example/browse/A-1", text: "y")
        let text = String(decoding: html.bytes, as: UTF8.self)
        #expect(text.hasPrefix("x<a href=\"HTTPS://jira.example/browse/A-1\""))
        #expect(!text.contains("javascript"))
    }

    @Test func issueKeyStaysOnePathSegment() {
        #expect(DashboardPath.issue("owner/repo#12") == "/ui/issues/owner%2Frepo%2312")
        #expect(DashboardPath.with("/ui/anomalies", [("kind", "a&b=c"), ("status", nil)]) == "/ui/anomalies?kind=a%26b%3Dc")
    }

    @Test func barChartHasAccessibleTitleAndOneBarPerValue() {
        var html = HTML()
        BarChart(id: "c", title: "Open <anomalies>", bars: [.init("orphan_parent", 3), .init("x", 0)]).write(into: &html)
        let svg = String(decoding: html.bytes, as: UTF8.self)
        #expect(svg.contains("role=\"img\""))
        #expect(svg.contains("<title id=\"c-title\">Open &lt;anomalies&gt;</title>"))
        #expect(svg.contains("<desc id=\"c-desc\">orphan_parent: 3; x: 0</desc>"))
        #expect(svg.components(separatedBy: "<rect").count == 3)
    }

    @Test func pagesCarryNoInlineScriptOrStyle() {
        let page = String(decoding: MessagePage.render(title: "t", message: "m", viewer: DashboardViewer(name: "n", csrfToken: "t")),
                          as: UTF8.self)
        #expect(page.contains("<script src=\"/ui/assets/dashboard.js\" defer=\"defer\"></script>"))
        #expect(!page.contains("style="))
        #expect(!page.contains("<style"))
        #expect(page.contains("name=\"csrf\" value=\"t\""))
    }
}

@Suite struct ColumnChartTests {
    @Test func columnsScaleToTheLargestValueAndEveryPointIsDescribed() {
        var html = HTML()
        ColumnChart(id: "r", title: "Fetched", points: [.init("a", 10), .init("b", 0), .init("c", 5)]).write(into: &html)
        let svg = String(decoding: html.bytes, as: UTF8.self)
        #expect(svg.contains("<desc id=\"r-desc\">a: 10; b: 0; c: 5</desc>"))
        #expect(svg.contains("height=\"134\"><title>a: 10</title>"), "the largest fills the plot")
        #expect(svg.contains("height=\"0\"><title>b: 0</title>"))
        #expect(svg.contains("height=\"67\"><title>c: 5</title>"), "half of it")
    }
}
