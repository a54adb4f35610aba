using DataGuard.Testing;

namespace DataGuard.Tests.PublicApi;

public sealed class PublicApiTests
{
    [Fact]
    public void The_public_api_matches_the_approved_file() =>
        ApprovedApi.Verify(typeof(DataGuardOptions).Assembly, "tests/DataGuard.Tests/PublicApi");

    [Fact]
    public void The_diff_names_added_and_removed_lines() =>
        Assert.Equal("- b\n+ x\n", ApprovedApi.Diff("a\nb\nc", "a\nx\nc").ReplaceLineEndings("\n"));
}
