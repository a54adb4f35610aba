using System.Security.Cryptography;
using DataGuard.Keys;
using DataGuard.Pkcs11.Tests.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace DataGuard.Pkcs11.Tests;

/// <summary>Revoking a customer-managed key (deleting it from the token) makes that wrapper's data keys unreadable, with
/// an error naming its tenant and key label, and leaves every other wrapper's keys readable.</summary>
public sealed class Pkcs11RevocationTests
{
    [SoftHsmFact]
    public void Unwrap_after_the_key_is_deleted_fails_naming_the_tenant_and_key_label()
    {
        var label = SoftHsm.NewLabel("acme-kek");
        SoftHsm.CreateKey(label);
        using var wrapper = new Pkcs11KeyWrapper(SoftHsm.Options(label, tenant: "acme"));
        var wrapped = wrapper.Wrap(RandomNumberGenerator.GetBytes(32));
        Assert.Equal(32, wrapper.Unwrap(wrapped).Length); // sessions are pooled and warm

        SoftHsm.DeleteKey(label);

        var failed = Assert.Throws<CryptographicException>(() => wrapper.Unwrap(wrapped));
        Assert.Contains($"'{label}' is not on PKCS#11 token '{SoftHsm.TokenA}'", failed.Message, StringComparison.Ordinal);
        Assert.Contains("tenant 'acme'", failed.Message, StringComparison.Ordinal);
        var cause = Assert.IsType<Pkcs11KeyWrapperException>(failed.InnerException);
        Assert.Equal(("acme", label), (cause.Tenant, cause.KeyLabel));
    }

    [SoftHsmFact]
    public async Task Revoking_one_tenants_key_makes_its_data_keys_unreadable_and_leaves_another_tenants_readable()
    {
        var (acmeLabel, globexLabel) = (SoftHsm.NewLabel("acme-kek"), SoftHsm.NewLabel("globex-kek"));
        SoftHsm.CreateKey(acmeLabel);
        SoftHsm.CreateKey(globexLabel);
        var (acmeStore, globexStore) = (new InMemoryKeyStore(), new InMemoryKeyStore());
        await using var acme = Pkcs11RotationTests.Host(acmeStore, acmeLabel, tenant: "acme");
        await using var globex = Pkcs11RotationTests.Host(globexStore, globexLabel, tenant: "globex");
        var acmeKey = await acme.GetRequiredService<IKeyManager>().RotateAsync();
        await globex.GetRequiredService<IKeyManager>().RotateAsync();

        SoftHsm.DeleteKey(acmeLabel);

        var acmeCheck = await acme.GetRequiredService<IKeyManager>().RewrapAsync();
        var globexCheck = await globex.GetRequiredService<IKeyManager>().RewrapAsync();
        Assert.Contains(acmeKey.Id, acmeCheck.UnreadableKeyIds);
        Assert.Equal(0, acmeCheck.KeysChecked);
        Assert.Empty(globexCheck.UnreadableKeyIds);
        Assert.True(globexCheck.KeysChecked > 0);

        // The error the key ring wraps for the unreadable key names acme's key, never globex.
        var record = (await acmeStore.GetAllAsync()).Single(k => k.Id == acmeKey.Id);
        var failed = Assert.Throws<CryptographicException>(() => acme.GetRequiredService<IKeyWrapper>().Unwrap(record.WrappedKey));
        var chain = failed.ToString();
        Assert.Contains("tenant 'acme'", chain, StringComparison.Ordinal);
        Assert.Contains(acmeLabel, chain, StringComparison.Ordinal);
        Assert.DoesNotContain("globex", chain, StringComparison.Ordinal);
    }
}
