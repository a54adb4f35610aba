using System.Runtime.CompilerServices;
using DataGuard.Keys;

namespace DataGuard.Tests.Keys;

public sealed class KeyEntryTests
{
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static byte[] DropAKey()
    {
        var material = new byte[KeyEntry.KeySize];
        Array.Fill(material, (byte)0xA5);
        var entry = new KeyEntry(7, DataKeyKind.Data, DataKeyStatus.Active, material);
        return entry.MaterialBuffer;
    }

    [Fact]
    public void A_key_dropped_without_dispose_is_zeroed_when_collected()
    {
        var buffer = DropAKey();
        Assert.Contains(buffer, static b => b != 0);

        GC.Collect();
        GC.WaitForPendingFinalizers();

        Assert.All(buffer, static b => Assert.Equal(0, b));
    }

    [Fact]
    public void A_disposed_key_is_zeroed_at_once()
    {
        var entry = new KeyEntry(7, DataKeyKind.Data, DataKeyStatus.Active, Enumerable.Repeat((byte)1, KeyEntry.KeySize).ToArray());
        var buffer = entry.MaterialBuffer;
        entry.Dispose();
        Assert.All(buffer, static b => Assert.Equal(0, b));
    }
}
