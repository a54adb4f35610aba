using System.Diagnostics;
using System.Runtime.InteropServices;
using Net.Pkcs11Interop.Common;
using Net.Pkcs11Interop.HighLevelAPI;

namespace DataGuard.Pkcs11.Tests.Testing;

/// <summary>
/// SoftHSM2 for this test run: a temporary SOFTHSM2_CONF folder with two tokens initialised by softhsm2-util, and
/// helpers that create and delete AES keys on them (each test uses keys with labels of its own, so tests run in
/// parallel). The library reads SOFTHSM2_CONF once, when it is first loaded, so the folder is per process.
/// </summary>
internal static class SoftHsm
{
    public const string TokenA = "dataguard-a";
    public const string TokenB = "dataguard-b";

    /// <summary>A token no test logs in to except the wrong-PIN test: login state is shared by every session of the
    /// process, so a wrong PIN on a token already logged in would not be noticed.</summary>
    public const string TokenLocked = "dataguard-locked";

    /// <summary>A token whose sessions one test closes all at once (C_CloseAllSessions), so no other test uses it.</summary>
    public const string TokenSessions = "dataguard-sessions";
    public const string UserPin = "7245-user";
    private const string SoPin = "9931-so";

    private static readonly Lazy<string> Folder = new(Initialise, LazyThreadSafetyMode.ExecutionAndPublication);

    public static string Library { get; } = Environment.GetEnvironmentVariable("DATAGUARD_SOFTHSM_LIBRARY") ?? "/usr/lib/softhsm/libsofthsm2.so";

    public static string Util { get; } = Environment.GetEnvironmentVariable("DATAGUARD_SOFTHSM_UTIL") ?? "/usr/bin/softhsm2-util";

    /// <summary>Why SoftHSM2 tests cannot run here, or <see langword="null"/>.</summary>
    public static string? MissingReason =>
        File.Exists(Library) && File.Exists(Util)
            ? null
            : $"needs SoftHSM2 ({Util} and {Library}): apt-get install softhsm2 (.ci/run does).";

    /// <summary>Options for a wrapper on <paramref name="token"/> with <paramref name="keyLabel"/>.</summary>
    public static Pkcs11KeyWrapperOptions Options(string keyLabel, string token = TokenA, string? tenant = null)
    {
        _ = Folder.Value;
        return new Pkcs11KeyWrapperOptions { LibraryPath = Library, TokenLabel = token, Pin = UserPin, KeyLabel = keyLabel, Tenant = tenant };
    }

    /// <summary>A fresh label for a test's key, so parallel tests never share one.</summary>
    public static string NewLabel(string name) => $"{name}-{Guid.NewGuid():N}";

    /// <summary>Generates a 256-bit AES key-encryption key on the token: sensitive, not extractable, encrypt/decrypt only.</summary>
    public static void CreateKey(string label, string token = TokenA)
    {
        var factory = Pkcs11Libraries.Factories.ObjectAttributeFactory;
        WithSession(token, session => session.GenerateKey(Pkcs11Libraries.Factories.MechanismFactory.Create(CKM.CKM_AES_KEY_GEN),
        [
            factory.Create(CKA.CKA_CLASS, CKO.CKO_SECRET_KEY),
            factory.Create(CKA.CKA_KEY_TYPE, CKK.CKK_AES),
            factory.Create(CKA.CKA_TOKEN, true),
            factory.Create(CKA.CKA_PRIVATE, true),
            factory.Create(CKA.CKA_LABEL, label),
            factory.Create(CKA.CKA_VALUE_LEN, 32UL),
            factory.Create(CKA.CKA_ENCRYPT, true),
            factory.Create(CKA.CKA_DECRYPT, true),
            factory.Create(CKA.CKA_SENSITIVE, true),
            factory.Create(CKA.CKA_EXTRACTABLE, false),
        ]));
    }

    /// <summary>Deletes the key with <paramref name="label"/>: what revoking a customer-managed key does.</summary>
    public static void DeleteKey(string label, string token = TokenA)
    {
        var factory = Pkcs11Libraries.Factories.ObjectAttributeFactory;
        WithSession(token, session =>
        {
            foreach (var key in session.FindAllObjects([factory.Create(CKA.CKA_LABEL, label)]))
            {
                session.DestroyObject(key);
            }

            return true;
        });
    }

    /// <summary>Closes every session this process has on <paramref name="token"/>, which also logs it out.</summary>
    public static void CloseAllSessions(string token) => Slot(token).CloseAllSessions();

    private static ISlot Slot(string token)
    {
        _ = Folder.Value;
        return Pkcs11Libraries.Get(Library).GetSlotList(SlotsType.WithTokenPresent).Single(s => s.GetTokenInfo().Label == token);
    }

    private static T WithSession<T>(string token, Func<ISession, T> action)
    {
        var slot = Slot(token);
        using var session = slot.OpenSession(SessionType.ReadWrite);
        try
        {
            session.Login(CKU.CKU_USER, UserPin);
        }
        catch (Pkcs11Exception ex) when (ex.RV == CKR.CKR_USER_ALREADY_LOGGED_IN)
        {
        }

        return action(session);
    }

    private static string Initialise()
    {
        var folder = Directory.CreateTempSubdirectory("dataguard-softhsm-").FullName;
        Directory.CreateDirectory(Path.Combine(folder, "tokens"));
        var config = Path.Combine(folder, "softhsm2.conf");
        File.WriteAllText(config, $"directories.tokendir = {folder}/tokens\nobjectstore.backend = file\nlog.level = ERROR\nslots.removable = false\n");

        // .NET keeps its own copy of the environment: the native library reads the process's, so set it there too.
        Environment.SetEnvironmentVariable("SOFTHSM2_CONF", config);
        if (SetNativeEnvironment("SOFTHSM2_CONF", config) != 0)
        {
            throw new InvalidOperationException("setenv(SOFTHSM2_CONF) failed");
        }

        foreach (var token in new[] { TokenA, TokenB, TokenLocked, TokenSessions })
        {
            RunUtil(config, $"--init-token --free --label {token} --so-pin {SoPin} --pin {UserPin}");
        }

        AppDomain.CurrentDomain.ProcessExit += (_, _) => Directory.Delete(folder, recursive: true);
        return folder;
    }

    private static void RunUtil(string config, string arguments)
    {
        var start = new ProcessStartInfo(Util, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["SOFTHSM2_CONF"] = config;
        using var process = Process.Start(start) ?? throw new InvalidOperationException("softhsm2-util did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"softhsm2-util {arguments.Split(' ')[0]} failed ({process.ExitCode}): {output.Result} {error}");
        }
    }

    private static int SetNativeEnvironment(string name, string value)
    {
        var (namePtr, valuePtr) = (Marshal.StringToCoTaskMemUTF8(name), Marshal.StringToCoTaskMemUTF8(value));
        try
        {
            return setenv(namePtr, valuePtr, 1);
        }
        finally
        {
            Marshal.FreeCoTaskMem(namePtr);
            Marshal.FreeCoTaskMem(valuePtr);
        }
    }

    [DllImport("libc", EntryPoint = "setenv")]
    private static extern int setenv(IntPtr name, IntPtr value, int overwrite);
}
