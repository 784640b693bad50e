using Platform.AppHost;
using Platform.AppHost.Hosting.Application;

var builder = DistributedApplicationBuilder.CreateBuilder(args);
PlatformModel.AddDemoData(builder, PlatformModel.Define(builder));
await using var app = builder.Build();
await app.RunAsync();
