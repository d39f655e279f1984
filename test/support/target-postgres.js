// Selects the database the e2e suites run against in this jest project.
process.env.NEXUS_TEST_TARGET = 'postgres';
