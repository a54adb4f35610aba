using DataGuard.EFCore.Audit;

namespace DataGuard.EFCore.Tests.Audit;

public sealed class AuditSyncTests
{
    [Fact]
    public void Synchronous_audit_work_that_would_wait_on_asynchronous_io_fails_instead_of_blocking()
    {
        var io = new TaskCompletionSource<int>();

        var refused = Assert.Throws<InvalidOperationException>(() => AuditSync.Run(new ValueTask<int>(io.Task)));

        Assert.Contains(nameof(AuditDbCalls), refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Synchronous_audit_work_throws_its_own_exception_unwrapped()
        => Assert.Throws<TimeoutException>(() => AuditSync.Run(ValueTask.FromException(new TimeoutException())));
}
