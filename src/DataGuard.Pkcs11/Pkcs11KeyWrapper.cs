using System.Security.Cryptography;
using DataGuard.Keys;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Net.Pkcs11Interop.Common;
using Net.Pkcs11Interop.HighLevelAPI;

namespace DataGuard.Pkcs11;

/// <summary>
/// Wraps DataGuard's data keys with an AES key-encryption key that stays on a PKCS#11 token (an HSM, a cloud HSM, or
/// SoftHSM2 in tests): the token encrypts each data key with AES-256-GCM (<c>CKM_AES_GCM</c> through
/// <c>C_Encrypt</c>/<c>C_Decrypt</c>), so data keys never become token objects and the key-encryption key never leaves
/// the token. Each wrapped key records the label of the key that wrapped it: after a rotation (a new label in
/// <see cref="Pkcs11KeyWrapperOptions.KeyLabel"/>, the old one in <see cref="Pkcs11KeyWrapperOptions.PreviousKeyLabels"/>)
/// older keys still unwrap and are re-wrapped by <c>IKeyManager.RewrapAsync</c>. Deleting the key from the token revokes
/// every data key it wrapped. Thread-safe; sessions are pooled. Register it with
/// <c>AddDataGuard().ProtectKeysWithPkcs11(…)</c>, or create one per tenant for customer-managed keys.
/// </summary>
public sealed class Pkcs11KeyWrapper : IVersionedKeyWrapper, IDisposable
{
    private readonly Pkcs11Settings _settings;
    private readonly Pkcs11Token _token;
    private readonly ILogger _logger;
    private readonly byte[] _currentHeader;

    /// <summary>Creates a wrapper. The token is first opened when a key is wrapped or unwrapped, or by
    /// <see cref="EnsureReady"/> (which the host runs at start-up when the wrapper is registered through DI).</summary>
    /// <param name="options">Where the key-encryption key is.</param>
    /// <param name="logger">The logger, if any.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    /// <exception cref="OptionsValidationException">The options are incomplete or invalid; every problem is listed.</exception>
    public Pkcs11KeyWrapper(Pkcs11KeyWrapperOptions options, ILogger<Pkcs11KeyWrapper>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var validation = new Pkcs11KeyWrapperOptionsValidator().Validate(Options.DefaultName, options);
        if (validation.Failed)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(Pkcs11KeyWrapperOptions), validation.Failures);
        }

        _settings = Pkcs11Settings.From(options);
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _token = new Pkcs11Token(_settings, _logger);
        _currentHeader = Pkcs11WrappedKey.Header(_settings.KeyLabel);
    }

    /// <summary>Opens the token, logs in and finds the current key-encryption key, so that a wrong library, token, PIN or
    /// key label fails at start-up rather than on the first encrypted read. Previous keys that are gone are logged.</summary>
    /// <exception cref="Pkcs11KeyWrapperException">The token cannot be used or the current key is not on it.</exception>
    public void EnsureReady()
    {
        _token.Use(session =>
        {
            _ = RequireKey(session, _settings.KeyLabel);
            foreach (var previous in _settings.PreviousKeyLabels)
            {
                if (_token.FindKey(session, previous) is null)
                {
                    Pkcs11Log.KeyMissing(_logger, previous, _settings.TokenName, _settings.TenantName);
                }
            }

            return true;
        });
        Pkcs11Log.TokenReady(_logger, _settings.TokenName, _settings.KeyLabel, _settings.TenantName);
    }

    /// <summary>Wraps a data key under the current key-encryption key.</summary>
    /// <param name="key">The raw key.</param>
    /// <returns>The wrapped key, safe to store.</returns>
    /// <exception cref="Pkcs11KeyWrapperException">The token cannot be used, or the current key is missing or may not
    /// encrypt.</exception>
    public byte[] Wrap(ReadOnlySpan<byte> key)
    {
        var nonce = Pkcs11WrappedKey.NewNonce();
        var plain = key.ToArray();
        try
        {
            var sealedKey = _token.Use(session =>
            {
                var kek = RequireKey(session, _settings.KeyLabel);
                try
                {
                    return session.Encrypt(Gcm(nonce, _currentHeader), kek, plain);
                }
                catch (Pkcs11Exception ex)
                {
                    throw KeyFailure($"key-encryption key '{_settings.KeyLabel}' on PKCS#11 token '{_settings.TokenName}' could not wrap a key ({ex.RV}); it " +
                        "needs CKA_ENCRYPT and CKM_AES_GCM", _settings.KeyLabel, ex);
                }
            });
            return Pkcs11WrappedKey.Compose(_currentHeader, nonce, sealedKey);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plain);
        }
    }

    /// <summary>Unwraps a data key wrapped by the current or a previous key-encryption key.</summary>
    /// <param name="wrappedKey">The wrapped key.</param>
    /// <returns>The raw key; the caller zeroes it after use.</returns>
    /// <exception cref="CryptographicException">The wrapped key is damaged, truncated or not this wrapper's, or its
    /// key-encryption key is not on the token (revoked) or the token cannot be used. The message names the token, key
    /// label and tenant; the inner exception is a <see cref="Pkcs11KeyWrapperException"/>.</exception>
    public byte[] Unwrap(ReadOnlySpan<byte> wrappedKey) => Unwrap(wrappedKey, out _);

    /// <summary>Unwraps a data key and says whether it should be wrapped again under the current key-encryption key
    /// (it was wrapped by one of <see cref="Pkcs11KeyWrapperOptions.PreviousKeyLabels"/>).</summary>
    /// <param name="wrappedKey">The wrapped key.</param>
    /// <param name="needsRewrap">Whether the key was wrapped by a previous key-encryption key.</param>
    /// <returns>The raw key; the caller zeroes it after use.</returns>
    /// <exception cref="CryptographicException">As for <see cref="Unwrap(ReadOnlySpan{byte})"/>.</exception>
    public byte[] Unwrap(ReadOnlySpan<byte> wrappedKey, out bool needsRewrap)
    {
        needsRewrap = false;
        if (!Pkcs11WrappedKey.TryParse(wrappedKey, out var parsed))
        {
            throw Unreadable("it is truncated or not a PKCS#11-wrapped key", keyLabel: null, inner: null);
        }

        if (!_settings.Knows(parsed.Label))
        {
            // The label is not named: it may be another tenant's.
            throw Unreadable(
                $"it names a key-encryption key that is neither '{_settings.KeyLabel}' nor one of the previous keys configured", keyLabel: null, inner: null);
        }

        try
        {
            var material = _token.Use(session => session.Decrypt(Gcm(parsed.Nonce, parsed.Header), RequireKey(session, parsed.Label), parsed.CiphertextAndTag));
            needsRewrap = parsed.Label != _settings.KeyLabel;
            return material;
        }
        catch (Pkcs11KeyWrapperException ex)
        {
            throw new CryptographicException(ex.Message, ex);
        }
        catch (Pkcs11Exception ex)
        {
            // SoftHSM2 answers a failed GCM tag check with CKR_GENERAL_ERROR; the standard says CKR_ENCRYPTED_DATA_INVALID.
            throw Unreadable($"it is damaged, or was not wrapped by key-encryption key '{parsed.Label}' on this token ({ex.RV})", parsed.Label, ex);
        }
    }

    /// <summary>Closes the wrapper's idle sessions. The library stays loaded for other wrappers.</summary>
    public void Dispose() => _token.Dispose();

    private static IMechanism Gcm(byte[] nonce, byte[] header)
    {
        var factories = Pkcs11Libraries.Factories;
        var parameters = factories.MechanismParamsFactory.CreateCkGcmParams(
            nonce, Pkcs11WrappedKey.NonceSize * 8, Pkcs11WrappedKey.AssociatedData(header), Pkcs11WrappedKey.TagSize * 8);
        return factories.MechanismFactory.Create(CKM.CKM_AES_GCM, parameters);
    }

    private IObjectHandle RequireKey(ISession session, string label)
    {
        if (_token.FindKey(session, label) is { } key)
        {
            return key;
        }

        Pkcs11Log.KeyMissing(_logger, label, _settings.TokenName, _settings.TenantName);
        throw KeyFailure($"key-encryption key '{label}' is not on PKCS#11 token '{_settings.TokenName}': it was deleted or revoked, or the label is wrong, " +
            "and keys it wrapped cannot be unwrapped", label, null);
    }

    private Pkcs11KeyWrapperException KeyFailure(string what, string label, Exception? inner)
        => new($"{char.ToUpperInvariant(what[0])}{what[1..]} ({_settings.TenantName}).", _settings.TokenName, label, _settings.Tenant, inner);

    private CryptographicException Unreadable(string reason, string? keyLabel, Exception? inner)
    {
        Pkcs11Log.UnwrapRefused(_logger, _settings.TokenName, _settings.TenantName, reason);
        var message = $"A wrapped key could not be unwrapped with PKCS#11 token '{_settings.TokenName}' ({_settings.TenantName}): {reason}.";
        return new CryptographicException(message, new Pkcs11KeyWrapperException(message, _settings.TokenName, keyLabel, _settings.Tenant, inner));
    }
}
