using DataGuard.Audit;

namespace DataGuard.Tests.Audit;

public sealed class AuditOptionsValidatorTests
{
    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var options = new AuditOptions { ReadQueueCapacity = 0, ReadBatchSize = 0 };
        var result = new AuditOptionsValidator(TimeProvider.System).Validate(null, options);
        Assert.Equal(2, result.Failures!.Count());
        Assert.Contains(result.Failures!, f => f.Contains("ReadQueueCapacity", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.Contains("ReadBatchSize", StringComparison.Ordinal));
    }

    [Fact]
    public void An_expired_checkpoint_certificate_is_reported()
    {
        using var certificate = TestCertificates.Rsa("CN=expiring");
        var time = new FixedTime(certificate.NotAfter.ToUniversalTime().AddDays(1));
        var result = new AuditOptionsValidator(time).Validate(null, new AuditOptions { CheckpointCertificate = certificate });
        Assert.Contains("expired", Assert.Single(result.Failures!), StringComparison.Ordinal);
    }

    [Fact]
    public void The_defaults_are_valid() => Assert.True(new AuditOptionsValidator(TimeProvider.System).Validate(null, new AuditOptions()).Succeeded);

    private sealed class FixedTime(DateTime utc) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(DateTime.SpecifyKind(utc, DateTimeKind.Utc));
    }
}
