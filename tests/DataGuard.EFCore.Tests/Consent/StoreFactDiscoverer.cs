using DataGuard.Testing;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace DataGuard.EFCore.Tests.Consent;

public sealed class StoreFactDiscoverer(IMessageSink diagnosticMessageSink) : IXunitTestCaseDiscoverer
{
    public IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute)
    {
        var display = discoveryOptions.MethodDisplayOrDefault();
        var displayOptions = discoveryOptions.MethodDisplayOptionsOrDefault();
        if (typeof(INeedsPostgres).IsAssignableFrom(testMethod.TestClass.Class.ToRuntimeType()) && PostgresTestDatabase.AdminConnectionString is null)
        {
            return [new XunitSkippedDataRowTestCase(diagnosticMessageSink, display, displayOptions, testMethod,
                "needs PostgreSQL: set DATAGUARD_TEST_POSTGRES to a connection string (.ci/run does).")];
        }

        return [new XunitTestCase(diagnosticMessageSink, display, displayOptions, testMethod)];
    }
}
