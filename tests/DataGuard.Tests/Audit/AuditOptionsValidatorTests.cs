using DataGuard.Audit;

namespace DataGuard.Tests.Audit;

public sealed class AuditOptionsValidatorTests
{
    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var options = new AuditOptions { ReadQueueCapacity = 0, ReadBatchSize = 0 };
        var result = new AuditOptionsValidator().Validate(null, options);
        Assert.Equal(2, result.Failures!.Count());
        Assert.Contains(result.Failures!, f => f.Contains("ReadQueueCapacity", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.Contains("ReadBatchSize", StringComparison.Ordinal));
    }

    [Fact]
    public void The_defaults_are_valid() => Assert.True(new AuditOptionsValidator().Validate(null, new AuditOptions()).Succeeded);
}
