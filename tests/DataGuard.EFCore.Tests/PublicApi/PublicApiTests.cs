using DataGuard.Testing;
using Microsoft.EntityFrameworkCore;

namespace DataGuard.EFCore.Tests.PublicApi;

public sealed class PublicApiTests
{
    [Fact]
    public void The_public_api_matches_the_approved_file() =>
        ApprovedApi.Verify(typeof(DataGuardModelExtensions).Assembly, "tests/DataGuard.EFCore.Tests/PublicApi");
}
