using DataGuard.Keys;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace DataGuard.EFCore.Tests.Keys;

/// <summary>A Data Protection key ring persisted to a folder, as a host configures it; each instance is a fresh service
/// provider (a restart), so nothing is cached from an earlier one.</summary>
internal sealed class FileKeyRing : IDisposable
{
    private readonly ServiceProvider _services;

    public FileKeyRing(string folder)
    {
        Folder = folder;
        var services = new ServiceCollection();
        services.AddDataProtection().PersistKeysToFileSystem(new DirectoryInfo(folder)).SetApplicationName("DataGuard.Tests.Ledger");
        _services = services.BuildServiceProvider();
    }

    public string Folder { get; }

    public IDataProtectionProvider Provider => _services.GetRequiredService<IDataProtectionProvider>();

    public Microsoft.AspNetCore.DataProtection.KeyManagement.IKeyManager Keys
        => _services.GetRequiredService<Microsoft.AspNetCore.DataProtection.KeyManagement.IKeyManager>();

    public void Dispose() => _services.Dispose();

    /// <summary>Starts the hosted services of a host, as the generic host does.</summary>
    public static async Task StartHostedServicesAsync(IServiceProvider services)
    {
        foreach (var hosted in services.GetServices<IHostedService>())
        {
            await hosted.StartAsync(CancellationToken.None);
        }
    }
}
