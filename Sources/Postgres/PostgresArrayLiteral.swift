/// Reads PostgreSQL's text output of a one-dimensional array: `{a,"b c",NULL,"x\"y"}`.
enum PostgresArrayLiteral {
    /// Elements in order; nil for NULL. Returns nil for anything that is not a 1-D literal.
    static func parse(_ text: String) -> [String?]? {
        var scalars = Substring(text).unicodeScalars[...]
        // Arrays with explicit bounds print as "[0:1]={…}".
        if scalars.first == "[" {
            guard let eq = scalars.firstIndex(of: "=") else { return nil }
            scalars = scalars[scalars.index(after: eq)...]
        }
        guard scalars.first == "{", scalars.last == "}" else { return nil }
        scalars = scalars.dropFirst().dropLast()
        var items: [String?] = []
        if scalars.isEmpty { return items }

        var index = scalars.startIndex
        while true {
            guard index < scalars.endIndex else { return nil }
            if scalars[index] == "{" { return nil }  // multi-dimensional: not supported here
            var element = String.UnicodeScalarView()
            if scalars[index] == "\"" {
                index = scalars.index(after: index)
                var closed = false
                while index < scalars.endIndex {
                    let ch = scalars[index]
                    if ch == "\\" {
                        index = scalars.index(after: index)
                        guard index < scalars.endIndex else { return nil }
                        element.append(scalars[index])
                    } else if ch == "\"" {
                        closed = true
                        index = scalars.index(after: index)
                        break
                    } else {
                        element.append(ch)
                    }
                    index = scalars.index(after: index)
                }
                guard closed else { return nil }
                items.append(String(element))
            } else {
                while index < scalars.endIndex, scalars[index] != "," {
                    element.append(scalars[index])
                    index = scalars.index(after: index)
                }
                let word = String(element)
                items.append(word == "NULL" ? nil : word)
            }
            if index == scalars.endIndex { return items }
            guard scalars[index] == "," else { return nil }
            index = scalars.index(after: index)
        }
    }
}
