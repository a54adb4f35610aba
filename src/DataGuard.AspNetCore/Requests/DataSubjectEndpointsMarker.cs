namespace DataGuard.AspNetCore.Requests;

/// <summary>Registered by <c>AddDataSubjectEndpoints()</c>, so that <c>MapDataSubjectEndpoints</c> can tell it was called
/// and the rate-limiting policy is added only once.</summary>
internal sealed class DataSubjectEndpointsMarker;
