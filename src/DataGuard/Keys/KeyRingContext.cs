using DataGuard.Encryption;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DataGuard.Keys;

/// <summary>What the parts of the key ring share: the store, the key-encryption key, the clock, the options and the
/// ring's logger.</summary>
internal sealed record KeyRingContext(IKeyStore Store, IKeyWrapper Wrapper, TimeProvider Time, IOptionsMonitor<DataGuardOptions> Options, ILogger Logger)
{
    public EncryptionOptions Settings => Options.CurrentValue.Encryption;
}
