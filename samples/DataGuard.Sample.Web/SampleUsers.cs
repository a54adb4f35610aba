using System.Security.Cryptography;
using System.Text;

namespace DataGuard.Sample.Web;

/// <summary>The sample's accounts. A real application has its own identity system; the console only needs its policies.</summary>
public static class SampleUsers
{
    public static readonly Guid AnaId = Guid.Parse("3f2b8c1e-6d0a-4c5e-9b7f-1a2b3c4d5e6f");
    public static readonly Guid JonasId = Guid.Parse("8a7b6c5d-4e3f-4a1b-8c9d-0e1f2a3b4c5d");

    public static readonly SampleUser Officer = new("officer", "officer-pass", "Olga Officer", "officer", null);
    public static readonly SampleUser Auditor = new("auditor", "auditor-pass", "Aldo Auditor", "auditor", null);
    public static readonly SampleUser Ana = new("ana", "ana-pass", "Ana Silva", "customer", AnaId);
    public static readonly SampleUser Jonas = new("jonas", "jonas-pass", "Jonas Weber", "customer", JonasId);

    public static IReadOnlyList<SampleUser> All { get; } = [Officer, Auditor, Ana, Jonas];

    /// <summary>The user with this name and password, compared in constant time.</summary>
    public static SampleUser? Find(string? userName, string? password)
    {
        var user = All.FirstOrDefault(u => string.Equals(u.UserName, userName, StringComparison.Ordinal));
        return user is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(user.Password), Encoding.UTF8.GetBytes(password ?? ""))
            ? user
            : null;
    }
}
