namespace DataGuard.EFCore.Tests.Encryption.ReleaseFixture;

/// <summary>The values in the committed fixture databases (Fixtures/release-0.1), and how the application that wrote
/// them was configured. Test data only: invented people.</summary>
internal static class ReleaseFixtureData
{
    /// <summary>The Data Protection application name: it is part of the key-wrapping purpose chain.</summary>
    public const string ApplicationName = "DataGuard.ReleaseFixture";

    public static string Folder => Path.Combine(AppContext.BaseDirectory, "Encryption", "Fixtures", "release-0.1");

    public static FixtureAccount[] Accounts() =>
    [
        new()
        {
            Id = Guid.Parse("0b6f8f3e-5a0c-4f4e-9a51-3c2d1e0f1a01"), Email = "ana.silva@example.com", Name = "Ana Silva",
            CreditScore = 712, BirthDate = new DateOnly(1988, 4, 17), Balance = 1234.56m,
            NationalId = Guid.Parse("6f1d2c3b-4a59-4e68-8f7a-0b1c2d3e4f50"), Phone = "+351 912 345 678",
        },
        new()
        {
            Id = Guid.Parse("0b6f8f3e-5a0c-4f4e-9a51-3c2d1e0f1a02"), Email = "jonas.weber@example.org", Name = "Jonas Weber ÄÖÜ",
            CreditScore = -1, BirthDate = new DateOnly(1901, 1, 1), Balance = -0.0001m,
            NationalId = Guid.Empty, Phone = null,
        },
        new()
        {
            Id = Guid.Parse("0b6f8f3e-5a0c-4f4e-9a51-3c2d1e0f1a03"), Email = "", Name = new string('x', 300),
            CreditScore = int.MaxValue, BirthDate = DateOnly.MaxValue, Balance = decimal.MaxValue,
            NationalId = Guid.Parse("ffffffff-ffff-ffff-ffff-ffffffffffff"), Phone = "",
        },
    ];

    public static FixtureMember[] Members() =>
    [
        new() { Id = Guid.Parse("5e1a0000-0000-4000-8000-000000000001"), Email = "mia.koch@example.de", Name = "Mia Koch", Phone = "+49 30 1234567" },
        new() { Id = Guid.Parse("5e1a0000-0000-4000-8000-000000000002"), Email = "li.wei@example.cn", Name = "李伟", Phone = null },
    ];
}
