using DataGuard.Encryption;
using DataGuard.Keys;
using DataGuard.Masking;
using DataGuard.Model;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;

namespace DataGuard.Tests.Masking;

public sealed class KeyRingPseudonymTests
{
    [Fact]
    public async Task Without_a_configured_key_pseudonyms_come_from_the_key_ring_and_show_its_rotation()
    {
        var services = new ServiceCollection();
        services.AddDataGuard().AddMasking();
        services.AddSingleton<IKeyStore, InMemoryKeyStore>();
        services.AddSingleton<IDataProtectionProvider>(new EphemeralDataProtectionProvider());
        await using var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<DataGuard.Encryption.FieldEncryptor>().EnsureReadyAsync(CancellationToken.None);
        var masker = provider.GetRequiredService<DataMasker>();

        var first = masker.Mask("ana@example.com", MaskStyle.Pseudonym)!;
        Assert.Equal(first, masker.Mask("ana@example.com", MaskStyle.Pseudonym));
        Assert.NotEqual(first, masker.Mask("bob@example.com", MaskStyle.Pseudonym));
        Assert.StartsWith("k1", first, StringComparison.Ordinal);
        Assert.DoesNotContain("ana", first, StringComparison.Ordinal);

        var rotated = await provider.GetRequiredService<IKeyManager>().RotateAsync();
        var after = masker.Mask("ana@example.com", MaskStyle.Pseudonym)!;
        Assert.StartsWith("k" + rotated.Id, after, StringComparison.Ordinal);
        Assert.NotEqual(first, after);
    }
}
