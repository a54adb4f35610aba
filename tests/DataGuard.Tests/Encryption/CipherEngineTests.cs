using System.Text;
using DataGuard.Encryption;
using DataGuard.Keys;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;

namespace DataGuard.Tests.Encryption;

public sealed class CipherEngineTests : IDisposable
{
    private readonly TestKeyRing _ring = new();

    public void Dispose() => _ring.Dispose();

    private static (ServiceProvider Services, FakeLogCollector Logs) Container(CipherEngine engine)
    {
        var services = new ServiceCollection();
        services.AddFakeLogging();
        services.AddDataGuard(o => o.Encryption.Engine = engine);
        services.AddSingleton<IKeyStore>(new InMemoryKeyStore());
        services.AddSingleton<IDataProtectionProvider>(new EphemeralDataProtectionProvider());
        var provider = services.BuildServiceProvider();
        return (provider, provider.GetFakeLogCollector());
    }

    private ProtectedColumn ColumnOn(CipherEngine engine, string entity = "Customer", string property = "Email")
        => new(_ring.Encryptor.Ring, _ring.Services.GetRequiredService<IOptionsMonitor<DataGuardOptions>>(), AesGcmBackend.For(engine), entity, property);

    [Fact]
    public void Libsodium_supports_aes_gcm_on_the_test_machines()
        => Assert.True(Libsodium.IsAvailable, Libsodium.Unavailable);

    [Fact]
    public void Auto_uses_libsodium_where_it_is_available_and_logs_the_choice_once()
    {
        var (services, logs) = Container(CipherEngine.Auto);
        using (services)
        {
            var backend = services.GetRequiredService<FieldEncryptor>().Backend;
            _ = services.GetRequiredService<FieldEncryptor>().Backend;

            Assert.Equal(Libsodium.IsAvailable ? CipherEngine.Libsodium : CipherEngine.Bcl, backend.Engine);
            var record = Assert.Single(logs.GetSnapshot(), static r => r.Id.Id == 1000);
            Assert.Contains(backend.Engine.ToString(), record.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_engine_option_forces_the_bcl_backend()
    {
        var (services, logs) = Container(CipherEngine.Bcl);
        using (services)
        {
            Assert.Equal(CipherEngine.Bcl, services.GetRequiredService<FieldEncryptor>().Backend.Engine);
            Assert.Contains("requested by Encryption.Engine", Assert.Single(logs.GetSnapshot(), static r => r.Id.Id == 1000).Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void An_engine_value_that_does_not_exist_fails_options_validation()
    {
        var (services, _) = Container((CipherEngine)7);
        using (services)
        {
            var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<DataGuardOptions>>().Value);
            Assert.Contains("Encryption.Engine is 7", error.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(CipherEngine.Bcl, CipherEngine.Libsodium)]
    [InlineData(CipherEngine.Libsodium, CipherEngine.Bcl)]
    public void Values_written_by_one_engine_read_with_the_other(CipherEngine writer, CipherEngine reader)
    {
        foreach (var text in new[] { "", "a", "ana.silva@example.com", new string('ç', 700) })
        {
            var stored = ColumnOn(writer).EncryptString(text);
            Assert.Equal(text, ColumnOn(reader).DecryptString(stored));
        }

        var bytes = Encoding.UTF8.GetBytes("a photo");
        Assert.Equal(bytes, ColumnOn(reader).DecryptBytes(ColumnOn(writer).EncryptBytes(bytes)));
    }

    [Theory]
    [InlineData(CipherEngine.Bcl, CipherEngine.Libsodium)]
    [InlineData(CipherEngine.Libsodium, CipherEngine.Bcl)]
    public void A_value_moved_to_another_column_fails_on_the_other_engine_too(CipherEngine writer, CipherEngine reader)
    {
        var stored = ColumnOn(writer).EncryptString("ana.silva@example.com");
        Assert.Throws<DataGuardCryptoException>(() => ColumnOn(reader, property: "Name").DecryptString(stored));
    }

    [Theory]
    [InlineData(CipherEngine.Bcl)]
    [InlineData(CipherEngine.Libsodium)]
    public void Encrypting_and_decrypting_spans_allocates_nothing(CipherEngine engine)
    {
        var column = ColumnOn(engine);
        var plain = new byte[64];
        var stored = new byte[FieldFormat.CiphertextSize(plain.Length)];
        var back = new byte[plain.Length];
        column.Encrypt(plain, stored);
        column.Decrypt(stored, back); // warm: pooled cipher objects, the thread's nonce buffer

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            column.Encrypt(plain, stored);
            column.Decrypt(stored, back);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
