using System.Reflection;
using System.Runtime.InteropServices;
using Net.Pkcs11Interop.Common;
using Net.Pkcs11Interop.HighLevelAPI;

namespace DataGuard.Pkcs11;

/// <summary>
/// The PKCS#11 libraries loaded in this process, one per path. <c>C_Initialize</c> may run once per process and library,
/// so every wrapper (one per tenant, say) on the same library shares one instance, kept for the life of the process.
/// </summary>
internal static class Pkcs11Libraries
{
    private static readonly Lock Gate = new();
    private static readonly Dictionary<string, IPkcs11Library> Loaded = new(StringComparer.Ordinal);

    static Pkcs11Libraries() => MapLibdl();

    public static Pkcs11InteropFactories Factories { get; } = new();

    /// <summary>The loaded library at <paramref name="path"/>; a failed load is not remembered, so a fixed path works
    /// on the next try.</summary>
    public static IPkcs11Library Get(string path)
    {
        var fullPath = Path.GetFullPath(path);
        lock (Gate)
        {
            if (!Loaded.TryGetValue(fullPath, out var library))
            {
                library = Factories.Pkcs11LibraryFactory.LoadPkcs11Library(Factories, fullPath, AppType.MultiThreaded);
                Loaded.Add(fullPath, library);
            }

            return library;
        }
    }

    /// <summary>Pkcs11Interop imports dlopen from "libdl", which glibc 2.34 and later ship only as libdl.so.2 (dlopen
    /// itself moved into libc): its maintainer asks applications to map the name (Pkcs11Interop issue 239), so we do it
    /// for them. An application that set its own resolver for the assembly keeps it.</summary>
    private static void MapLibdl()
    {
        try
        {
            NativeLibrary.SetDllImportResolver(typeof(Pkcs11InteropFactories).Assembly, ResolveLibdl);
        }
        catch (InvalidOperationException)
        {
            // A resolver is already set for Pkcs11Interop: the application's choice.
        }
    }

    private static IntPtr ResolveLibdl(string name, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (name != "libdl" || !OperatingSystem.IsLinux())
        {
            return IntPtr.Zero;
        }

        return NativeLibrary.TryLoad("libdl.so.2", out var handle) || NativeLibrary.TryLoad("libc.so.6", out handle) ? handle : IntPtr.Zero;
    }
}
