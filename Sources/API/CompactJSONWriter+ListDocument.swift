import JSON

extension CompactJSONWriter {
    /// `,"total_count":N,"harvested_at":"…"}` (null before the first harvest): how the API's
    /// documents that are written row by row end.
    mutating func finishListDocument(totalCount: Int, harvestedAt: String?) {
        writeRaw(",\"total_count\":")
        writeInt(totalCount)
        writeRaw(",\"harvested_at\":")
        if let harvestedAt { writeString(harvestedAt) } else { writeNull() }
        writeRaw("}")
    }
}
