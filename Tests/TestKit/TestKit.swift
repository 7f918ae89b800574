// Test support shared by the integration test targets.
