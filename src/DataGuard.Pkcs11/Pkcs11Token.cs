using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Net.Pkcs11Interop.Common;
using Net.Pkcs11Interop.HighLevelAPI;

namespace DataGuard.Pkcs11;

/// <summary>
/// One token as a wrapper uses it: the slot, and a pool of logged-in read-only sessions. A PKCS#11 session must not be
/// used by two threads at once, so every operation rents a session of its own and returns it afterwards. A session the
/// token no longer knows (closed, logged out, token re-inserted) is discarded and the operation retried once.
/// </summary>
internal sealed class Pkcs11Token : IDisposable
{
    private readonly Pkcs11Settings _settings;
    private readonly ILogger _logger;
    private readonly ConcurrentBag<ISession> _idle = [];
    private readonly Lock _slotLock = new();
    private ISlot? _slot;
    private int _idleCount;
    private volatile bool _disposed;

    public Pkcs11Token(Pkcs11Settings settings, ILogger logger)
    {
        _settings = settings;
        _logger = logger;
    }

    /// <summary>Runs <paramref name="operation"/> on a pooled session.</summary>
    /// <exception cref="Pkcs11KeyWrapperException">The library, token or login failed.</exception>
    /// <exception cref="Pkcs11Exception">The operation itself failed (the caller decides what that means).</exception>
    public T Use<T>(Func<ISession, T> operation)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        for (var attempt = 0; ; attempt++)
        {
            var session = Rent();
            try
            {
                var result = operation(session);
                Return(session);
                return result;
            }
            catch (Pkcs11Exception ex) when (IsStale(ex.RV))
            {
                Pkcs11Log.SessionDiscarded(_logger, _settings.TokenName, ex.RV);
                Close(session);
                if (ex.RV is CKR.CKR_DEVICE_REMOVED or CKR.CKR_TOKEN_NOT_PRESENT)
                {
                    ForgetSlot();
                }

                if (attempt > 0)
                {
                    throw Failed($"PKCS#11 token '{_settings.TokenName}' is not available ({ex.RV})", ex);
                }
            }
            catch
            {
                Return(session);
                throw;
            }
        }
    }

    /// <summary>The AES key with <paramref name="label"/>, or <see langword="null"/> when the token has none.</summary>
    /// <exception cref="Pkcs11KeyWrapperException">More than one key has the label.</exception>
    public IObjectHandle? FindKey(ISession session, string label)
    {
        var factory = Pkcs11Libraries.Factories.ObjectAttributeFactory;
        var found = session.FindAllObjects(
        [
            factory.Create(CKA.CKA_CLASS, CKO.CKO_SECRET_KEY),
            factory.Create(CKA.CKA_KEY_TYPE, CKK.CKK_AES),
            factory.Create(CKA.CKA_LABEL, label),
        ]);
        return found.Count switch
        {
            0 => null,
            1 => found[0],
            _ => throw new Pkcs11KeyWrapperException($"PKCS#11 token '{_settings.TokenName}' has {found.Count} AES keys labelled '{label}' " +
                $"({_settings.TenantName}): a key-encryption key's label must be unique on its token.", _settings.TokenName, label, _settings.Tenant),
        };
    }

    public void Dispose()
    {
        _disposed = true;
        while (_idle.TryTake(out var session))
        {
            Close(session);
        }
    }

    private static bool IsStale(CKR rv) => rv is CKR.CKR_SESSION_HANDLE_INVALID or CKR.CKR_SESSION_CLOSED
        or CKR.CKR_USER_NOT_LOGGED_IN or CKR.CKR_DEVICE_REMOVED or CKR.CKR_TOKEN_NOT_PRESENT;

    private ISession Rent()
    {
        if (_idle.TryTake(out var session))
        {
            Interlocked.Decrement(ref _idleCount);
            return session;
        }

        return Open();
    }

    private void Return(ISession session)
    {
        if (!_disposed && Interlocked.Increment(ref _idleCount) <= _settings.MaxIdleSessions)
        {
            _idle.Add(session);
            if (_disposed && _idle.TryTake(out var drained))
            {
                Close(drained);
            }

            return;
        }

        Interlocked.Decrement(ref _idleCount);
        Close(session);
    }

    private ISession Open()
    {
        ISession session;
        try
        {
            session = Slot().OpenSession(SessionType.ReadOnly);
        }
        catch (Pkcs11Exception ex)
        {
            ForgetSlot();
            throw Failed($"a session could not be opened on PKCS#11 token '{_settings.TokenName}' ({ex.RV})", ex);
        }

        try
        {
            session.Login(CKU.CKU_USER, _settings.Pin);
        }
        catch (Pkcs11Exception ex) when (ex.RV == CKR.CKR_USER_ALREADY_LOGGED_IN)
        {
            // Login state belongs to the application and token, not the session: another session logged in already.
        }
        catch (Pkcs11Exception ex)
        {
            Close(session);
            throw Failed($"PKCS#11 token '{_settings.TokenName}' refused the user login ({ex.RV}); " +
                $"check {nameof(Pkcs11KeyWrapperOptions)}.{nameof(Pkcs11KeyWrapperOptions.Pin)}", ex);
        }

        return session;
    }

    private ISlot Slot()
    {
        lock (_slotLock)
        {
            return _slot ??= FindSlot();
        }
    }

    private void ForgetSlot()
    {
        lock (_slotLock)
        {
            _slot = null;
        }
    }

    private ISlot FindSlot()
    {
        IPkcs11Library library;
        try
        {
            library = Pkcs11Libraries.Get(_settings.LibraryPath);
        }
        catch (Exception ex) when (ex is Pkcs11Exception or DllNotFoundException or BadImageFormatException or UnmanagedException)
        {
            throw Failed($"the PKCS#11 library '{_settings.LibraryPath}' could not be loaded", ex);
        }

        var slots = library.GetSlotList(SlotsType.WithTokenPresent)
            .Where(s => _settings.SlotId is { } id ? s.SlotId == id : s.GetTokenInfo().Label == _settings.TokenLabel)
            .ToList();
        return slots.Count switch
        {
            1 => slots[0],
            0 => throw Failed($"no PKCS#11 token '{_settings.TokenName}' is present in '{_settings.LibraryPath}'", null),
            _ => throw Failed($"{slots.Count} PKCS#11 tokens are labelled '{_settings.TokenName}'; set {nameof(Pkcs11KeyWrapperOptions.SlotId)} instead", null),
        };
    }

    private static void Close(ISession session)
    {
        try
        {
            session.Dispose();
        }
        catch (Pkcs11Exception)
        {
            // The token already forgot it.
        }
    }

    private Pkcs11KeyWrapperException Failed(string what, Exception? inner)
        => new($"{char.ToUpperInvariant(what[0])}{what[1..]} ({_settings.TenantName}).", _settings.TokenName, keyLabel: null, _settings.Tenant, inner);
}
