import Testing
@testable import WorkSupportCore

/// The properties syntax: comments, spacing, escapes and line numbering.
struct PropertiesFormatTests {
    let database = "database.url=postgresql:///worksupport"

    @Test func spacesAroundKeyAndValueAreTrimmed() throws {
        let config = try ConfigFixtures.parse([database, "  harvest.batch_size   =   250  "])
        #expect(config.harvest.batchSize == 250)
    }

    @Test func hashAfterWhitespaceStartsAnInlineComment() throws {
        let config = try ConfigFixtures.parse([database, "harvest.start_command=/usr/bin/run --now   # kicks a harvest"])
        #expect(config.harvest.startCommand == "/usr/bin/run --now")
    }

    @Test func hashInsideAValueIsKept() throws {
        let config = try ConfigFixtures.parse([database, "harvest.start_command=/usr/bin/run#1"])
        #expect(config.harvest.startCommand == "/usr/bin/run#1")
    }

    @Test func escapedHashIsALiteralHash() throws {
        let config = try ConfigFixtures.parse([database, "harvest.start_command=run \\#1 # comment"])
        #expect(config.harvest.startCommand == "run #1")
    }

    @Test func hashAndBangLinesAndBlankLinesAreComments() throws {
        let config = try ConfigFixtures.parse(["# heading", "! legacy comment", "   ", "   # indented", database])
        #expect(ConfigFixtures.setting("database.url", in: config)?.origin == .file(ConfigFixtures.file, line: 5))
    }

    @Test func valueMayContainEqualsSigns() throws {
        let config = try ConfigFixtures.parse(["database.url=host=db port=5432 dbname=ws"])
        #expect(config.database.url == "host=db port=5432 dbname=ws")
    }

    @Test func crlfLineEndingsKeepLineNumbers() {
        let result = WorkSupportConfig.check(text: "\(database)\r\n\r\nharvest.batch_size=x\r\n",
                                             file: ConfigFixtures.file, environment: [:])
        #expect(result.errors.map(\.description) == ["worksupport.properties:3: harvest.batch_size: expected an integer, got 'x'"])
    }

    @Test func byteOrderMarkBeforeFirstKeyIsIgnored() throws {
        let config = try WorkSupportConfig.parse(text: "\u{FEFF}" + ConfigFixtures.minimal, file: ConfigFixtures.file,
                                                 environment: [:])
        #expect(config.database.url == "postgresql:///worksupport")
    }
}
