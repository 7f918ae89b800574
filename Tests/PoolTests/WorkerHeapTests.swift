import Pool
import Testing

/// The worker's heap setting reaches glibc's allocator.
struct WorkerHeapTests {
    @Test func glibcTakesTheSettingThatKeepsTheHeapBetweenRequests() {
        #expect(WorkerHeap.keepBetweenRequests())
    }
}
