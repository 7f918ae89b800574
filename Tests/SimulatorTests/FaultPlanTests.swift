import Testing
@testable import Simulator

@Suite struct FaultPlanTests {
    @Test func parsesRatesScopeAndSchedule() throws {
        let plan = try FaultPlan.parse("seed=3,error=0.2,429=0.1,slow-ms=50,retry-after=2,scope=github,at.4=drop")
        #expect(plan.seed == 3 && plan.errorRate == 0.2 && plan.tooManyRequestsRate == 0.1)
        #expect(plan.slowMilliseconds == 50 && plan.retryAfterSeconds == 2 && plan.scope == .github)
        #expect(plan.scheduled == [4: .drop])
    }

    @Test func specRoundTrips() throws {
        let plan = try FaultPlan.parse("at.2=503;seed=9 ratelimit=0.05 search-limit=30 approximate-count=off")
        #expect(!plan.approximateCountAvailable)
        #expect(try FaultPlan.parse(plan.spec) == plan)
    }

    @Test func itemFaultsAndCutAnswersParseAndRoundTrip() throws {
        let plan = try FaultPlan.parse("item.wsa-12=unparsable,item.WSB-3=wrong-type,cut=0.1,at.2=cut")
        #expect(plan.itemFaults == ["WSA-12": .unparsable, "WSB-3": .wrongType])
        #expect(plan.cutRate == 0.1 && plan.scheduled == [2: .cut])
        #expect(try FaultPlan.parse(plan.spec) == plan)
        #expect(throws: FaultPlanError.self) { try FaultPlan.parse("item.WSA-1=broken") }
        #expect(throws: FaultPlanError.self) { try FaultPlan.parse("item.nokey=unparsable") }
    }

    @Test func sameSeedGivesSameFaults() throws {
        let plan = try FaultPlan.parse("seed=5,error=0.3,drop=0.1")
        let first = (1...200).map { plan.fault(forRequest: $0) }
        let second = (1...200).map { try! FaultPlan.parse("seed=5,error=0.3,drop=0.1").fault(forRequest: $0) }
        #expect(first == second)
    }

    @Test func ratesAreRoughlyHonoured() throws {
        let plan = try FaultPlan.parse("seed=1,error=0.2")
        let errors = (1...5000).filter { plan.fault(forRequest: $0) != nil }.count
        #expect((800...1200).contains(errors))
    }

    @Test func errorsSpreadOverThe5xxStatuses() throws {
        let plan = try FaultPlan.parse("seed=1,error=1")
        let kinds = Set((1...100).compactMap { plan.fault(forRequest: $0) })
        #expect(kinds == [.error500, .error502, .error503])
    }

    @Test func scheduledFaultWinsOverRates() throws {
        #expect(try FaultPlan.parse("at.1=429").fault(forRequest: 1) == .tooManyRequests)
        #expect(try FaultPlan.parse("at.1=429").fault(forRequest: 2) == nil)
    }

    @Test func refusesRatesAboveOne() {
        #expect(throws: FaultPlanError.self) { try FaultPlan.parse("error=0.7,drop=0.5") }
    }

    @Test func refusesUnknownSettings() {
        #expect(throws: FaultPlanError("unknown fault setting 'jitter' (see docs/simulator.md)")) {
            try FaultPlan.parse("jitter=0.1")
        }
    }
}
