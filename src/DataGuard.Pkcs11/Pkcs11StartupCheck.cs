using DataGuard.Keys;
using Microsoft.Extensions.Hosting;

namespace DataGuard.Pkcs11;

/// <summary>Opens the token and finds the current key-encryption key when the host starts, so a wrong library, token,
/// PIN or label stops the application instead of failing its first encrypted read.</summary>
internal sealed class Pkcs11StartupCheck(IKeyWrapper wrapper) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        // Another wrapper registered after ours replaced it: nothing of ours to check.
        (wrapper as Pkcs11KeyWrapper)?.EnsureReady();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
