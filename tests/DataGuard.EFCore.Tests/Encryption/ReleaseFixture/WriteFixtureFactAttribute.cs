namespace DataGuard.EFCore.Tests.Encryption.ReleaseFixture;

/// <summary>Runs only when DATAGUARD_WRITE_FIXTURE names a folder: writes a new fixture there by hand (never in CI).</summary>
public sealed class WriteFixtureFactAttribute : FactAttribute
{
    public WriteFixtureFactAttribute()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DATAGUARD_WRITE_FIXTURE")))
        {
            Skip = "writes the release fixture by hand: set DATAGUARD_WRITE_FIXTURE to an empty folder.";
        }
    }
}
