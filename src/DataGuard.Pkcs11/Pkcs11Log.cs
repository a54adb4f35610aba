using Microsoft.Extensions.Logging;

namespace DataGuard.Pkcs11;

/// <summary>The PKCS#11 key wrapper's log messages (event ids 1900-1919). They name tokens, key labels, tenants and
/// PKCS#11 return codes; never the PIN or key material.</summary>
internal static partial class Pkcs11Log
{
    [LoggerMessage(
        EventId = 1900,
        EventName = "Pkcs11TokenReady",
        Level = LogLevel.Information,
        Message = "PKCS#11 token '{Token}' is ready: key-encryption key '{KeyLabel}' found ({Tenant}).")]
    public static partial void TokenReady(ILogger logger, string token, string keyLabel, string tenant);

    [LoggerMessage(
        EventId = 1901,
        EventName = "Pkcs11KeyMissing",
        Level = LogLevel.Warning,
        Message = "Key-encryption key '{KeyLabel}' is not on PKCS#11 token '{Token}' ({Tenant}): keys it wrapped cannot be unwrapped.")]
    public static partial void KeyMissing(ILogger logger, string keyLabel, string token, string tenant);

    [LoggerMessage(
        EventId = 1902,
        EventName = "Pkcs11SessionDiscarded",
        Level = LogLevel.Debug,
        Message = "A PKCS#11 session on token '{Token}' was discarded after {ReturnValue}; the operation is retried on a new session.")]
    public static partial void SessionDiscarded(ILogger logger, string token, Net.Pkcs11Interop.Common.CKR returnValue);

    [LoggerMessage(
        EventId = 1903,
        EventName = "Pkcs11UnwrapRefused",
        Level = LogLevel.Warning,
        Message = "A wrapped key could not be unwrapped with PKCS#11 token '{Token}' ({Tenant}): {Reason}.")]
    public static partial void UnwrapRefused(ILogger logger, string token, string tenant, string reason);
}
