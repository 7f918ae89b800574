// Written by scripts/set-version from the VERSION file, the one place the version is decided;
// CLITests checks that every executable's --version prints what VERSION says.
public let workSupportVersion = "0.1.0"
