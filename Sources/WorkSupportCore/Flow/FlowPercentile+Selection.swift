extension FlowPercentile {
    /// The `percents`' nearest-rank values of `values`, each the value a sort would put at its
    /// rank, found by selection (quickselect) instead of sorting: a page's weekly percentiles
    /// need three ranks of thousands of values. `values` is left reordered. nil for no values.
    public static func values(_ percents: [Int], selectingIn values: inout [Int]) -> [Int]? {
        guard !values.isEmpty else { return nil }
        let count = values.count
        var found = [Int](repeating: 0, count: percents.count)
        values.withUnsafeMutableBufferPointer { buffer in
            // Highest rank first: each selection leaves the values below its rank in front of
            // it, so the next (lower) rank is selected among those alone.
            var end = count
            for index in percents.indices.sorted(by: { percents[$0] > percents[$1] }) {
                let position = rank(percents[index], count: count) - 1
                select(position, in: buffer, before: max(end, position + 1))
                found[index] = buffer[position]
                end = position + 1
            }
        }
        return found
    }

    /// Puts the value a sort would place at `position` there, smaller or equal values before it
    /// and larger or equal ones after it, within `buffer[0..<end]`.
    static func select(_ position: Int, in buffer: UnsafeMutableBufferPointer<Int>, before end: Int) {
        var low = 0, high = end - 1
        while low < high {
            // Median of three as the pivot: already ordered input (days in order) stays linear.
            let middle = low + (high - low) / 2
            if buffer[middle] < buffer[low] { buffer.swapAt(middle, low) }
            if buffer[high] < buffer[low] { buffer.swapAt(high, low) }
            if buffer[high] < buffer[middle] { buffer.swapAt(high, middle) }
            let pivot = buffer[middle]
            var i = low, j = high
            while i <= j {
                while buffer[i] < pivot { i += 1 }
                while buffer[j] > pivot { j -= 1 }
                if i <= j {
                    buffer.swapAt(i, j)
                    i += 1
                    j -= 1
                }
            }
            // Now buffer[low...j] <= pivot <= buffer[i...high], and anything between equals the pivot.
            if position <= j { high = j } else if position >= i { low = i } else { return }
        }
    }
}
