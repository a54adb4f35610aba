using DataGuard.Model;
using DataGuard.Subjects;
using DataGuard.Subjects.Requests;
using DataGuard.Tests.Subjects.Requests;
using Microsoft.Extensions.DependencyInjection;

namespace DataGuard.EFCore.Tests.Subjects;

/// <summary>The EF Core request store's open-request queue: keyset pages in deadline order that never read closed
/// requests, on each provider.</summary>
public abstract class OpenRequestQueueScenarios(RequestsDatabase database)
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    [StoreFact]
    public async Task Pages_of_open_requests_follow_the_deadline_and_skip_closed_ones()
    {
        var expected = await SeedAsync();
        await using var services = database.Services();
        var seen = new List<Guid>();
        OpenRequestCursor? after = null;
        for (var page = 0; page < 10; page++)
        {
            var rows = await InScopeAsync(services, q => q.GetOpenPageAsync(new OpenRequestQuery(null, null, after, 2), default));
            Assert.True(rows.Count <= 2);
            if (rows.Count == 0)
            {
                break;
            }

            seen.AddRange(rows.Select(static r => r.Id));
            after = rows[^1].Cursor;
        }

        Assert.Equal(expected.Select(static r => r.Id), seen);
    }

    [StoreFact]
    public async Task The_queue_filters_by_kind_and_deadline_and_counts_open_and_overdue_requests()
    {
        var expected = await SeedAsync();
        await using var services = database.Services();
        var cutoff = Start.AddDays(4);

        var erasures = await InScopeAsync(services, q => q.GetOpenPageAsync(new OpenRequestQuery(SubjectRequestKind.Erasure, null, null, 10), default));
        var early = await InScopeAsync(services, q => q.GetOpenPageAsync(new OpenRequestQuery(null, cutoff, null, 10), default));
        var open = await InScopeAsync(services, q => q.CountOpenAsync(null, default));
        var overdue = await InScopeAsync(services, q => q.CountOpenAsync(cutoff, default));

        Assert.Equal(expected.Where(static r => r.Kind == SubjectRequestKind.Erasure).Select(static r => r.Id), erasures.Select(static r => r.Id));
        Assert.Equal(expected.Where(r => r.DueAt < cutoff).Select(static r => r.Id), early.Select(static r => r.Id));
        Assert.Equal(expected.Count, open);
        Assert.Equal(expected.Count(r => r.DueAt < cutoff), overdue);
    }

    /// <summary>A fresh set of requests of every status, two of them due at the same instant; returns the open ones in
    /// queue order. Earlier requests of the class's database are closed first so each test sees only its own.</summary>
    private async Task<List<SubjectRequest>> SeedAsync()
    {
        await using var services = database.Services();
        await using var scope = services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<ISubjectRequestStore>();
        foreach (var old in await store.GetOverdueAsync(DateTimeOffset.MaxValue))
        {
            await store.TryUpdateAsync(With(old, SubjectRequestStatus.Rejected), old.Version);
        }

        var statuses = new[] { SubjectRequestStatus.Received, SubjectRequestStatus.Completed, SubjectRequestStatus.IdentityVerified,
            SubjectRequestStatus.InProgress, SubjectRequestStatus.Rejected, SubjectRequestStatus.Received, SubjectRequestStatus.InProgress };
        var added = new List<SubjectRequest>();
        for (var i = 0; i < statuses.Length; i++)
        {
            var due = Start.AddDays(i == 6 ? 5 : i); // the last one ties with the sixth
            var request = new SubjectRequest
            {
                Id = Guid.NewGuid(),
                SubjectId = new SubjectId(Guid.NewGuid().ToString()),
                Kind = i % 3 == 0 ? SubjectRequestKind.Erasure : SubjectRequestKind.Access,
                Status = statuses[i],
                ReceivedAt = due.AddDays(-30),
                DueAt = due,
                History = [new SubjectRequestChange { Action = SubjectRequestAction.Received, At = due.AddDays(-30), Actor = "test" }],
            };
            await store.AddAsync(request);
            added.Add(request);
        }

        return [.. added.Where(static r => r.IsOpen).OrderBy(static r => r.DueAt).ThenBy(static r => r.Id)];
    }

    private static SubjectRequest With(SubjectRequest request, SubjectRequestStatus status) => new()
    {
        Id = request.Id,
        SubjectId = request.SubjectId,
        Kind = request.Kind,
        Status = status,
        ReceivedAt = request.ReceivedAt,
        DueAt = request.DueAt,
        History = [.. request.History,
            new SubjectRequestChange { Action = SubjectRequestAction.Rejected, At = request.DueAt, Actor = "test", Reason = "closed by the test" }],
    };

    private static async Task<T> InScopeAsync<T>(IServiceProvider services, Func<IOpenRequestQueries, ValueTask<T>> read)
    {
        await using var scope = services.CreateAsyncScope();
        return await read((IOpenRequestQueries)scope.ServiceProvider.GetRequiredService<ISubjectRequestStore>());
    }
}
