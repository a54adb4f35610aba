using System.Buffers;
using DataGuard.Audit;

namespace DataGuard.Tests.Audit;

public sealed class AuditChainTenantEncodingTests
{
    private static readonly AuditRecord Record =
        new(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero), "entity.updated", "ana", "s-1", "Customer", "42", ["Email"], null, null, null);

    [Fact]
    public void A_tenant_entry_is_version_3_with_its_tenant_after_the_version_byte_and_the_platform_encoding_unchanged()
    {
        var platform = new ArrayBufferWriter<byte>();
        AuditChain.Encode(Record.Seal(1, AuditChain.GenesisHash), platform);
        var tenant = new ArrayBufferWriter<byte>();
        var sealedForAcme = Record.Seal(1, AuditChain.GenesisHash, "acme");
        AuditChain.Encode(sealedForAcme, tenant);

        var v1 = platform.WrittenSpan.ToArray();
        byte[] expected = [3, 0, 0, 0, 4, .. "acme"u8, .. v1.AsSpan(1)];
        Assert.Equal(1, v1[0]);
        Assert.Equal(expected, tenant.WrittenSpan.ToArray());
        Assert.Equal("acme", sealedForAcme.TenantId);
        Assert.True(AuditChain.HashMatches(sealedForAcme));
    }

    [Fact]
    public void The_same_entry_hashes_differently_in_two_tenants_and_in_the_platform_chain()
    {
        var acme = Record.Seal(1, AuditChain.GenesisHash, "acme");
        var globex = Record.Seal(1, AuditChain.GenesisHash, "globex");
        var platform = Record.Seal(1, AuditChain.GenesisHash);

        Assert.False(AuditChain.HashEquals(acme.Hash.Span, globex.Hash.Span));
        Assert.False(AuditChain.HashEquals(acme.Hash.Span, platform.Hash.Span));
        var moved = new AuditEntry
        {
            TenantId = "globex",
            Sequence = acme.Sequence,
            Timestamp = acme.Timestamp,
            Action = acme.Action,
            Actor = acme.Actor,
            SubjectId = acme.SubjectId,
            EntityType = acme.EntityType,
            EntityKey = acme.EntityKey,
            Properties = acme.Properties,
            PreviousHash = acme.PreviousHash,
            Hash = acme.Hash,
        };
        Assert.False(AuditChain.HashMatches(moved));
    }
}
