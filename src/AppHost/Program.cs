using Platform.AppHost;
using Platform.AppHost.Hosting.Application;

var builder = DistributedApplicationBuilder.CreateBuilder(args);
PlatformModel.Define(builder);
await using var app = builder.Build();
await app.RunAsync();
