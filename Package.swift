// swift-tools-version: 6.0
// BioImageIO — a pure-Swift SDK for bioimage.io model descriptions, tensors and runtimes.
// The library depends on Foundation only; benchmarks live in their own package under Benchmarks/.
import PackageDescription

let package = Package(
    name: "BioImageIO",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "BioImageIO", targets: ["BioImageIO"]),
        .library(name: "BioImageYAML", targets: ["BioImageYAML"]),
        .library(name: "BioImageTensor", targets: ["BioImageTensor"]),
        .library(name: "BioImageSpec", targets: ["BioImageSpec"]),
        .library(name: "BioImageRuntime", targets: ["BioImageRuntime"]),
        .library(name: "BioImageONNX", targets: ["BioImageONNX"]),
        .library(name: "BioImageIOTestSupport", targets: ["BioImageIOTestSupport"]),
        .executable(name: "bioimageio", targets: ["bioimageio"]),
    ],
    targets: [
        .target(name: "BioImageYAML"),
        .target(name: "BioImageTensor"),
        .target(name: "BioImageSpec", dependencies: ["BioImageYAML", "BioImageTensor"]),
        .target(name: "BioImageRuntime", dependencies: ["BioImageYAML", "BioImageTensor", "BioImageSpec"]),
        .target(name: "BioImageONNX", dependencies: ["BioImageTensor", "BioImageSpec", "BioImageRuntime"]),
        .target(name: "BioImageIOTestSupport", dependencies: ["BioImageSpec", "BioImageRuntime"]),
        .target(name: "BioImageIO", dependencies: ["BioImageYAML", "BioImageTensor", "BioImageSpec", "BioImageRuntime", "BioImageONNX"]),
        .executableTarget(name: "bioimageio", dependencies: ["BioImageIO"]),
        .testTarget(name: "BioImageYAMLTests", dependencies: ["BioImageYAML"]),
        .testTarget(name: "BioImageTensorTests", dependencies: ["BioImageTensor"]),
        .testTarget(name: "BioImageSpecTests", dependencies: ["BioImageSpec"]),
        .testTarget(name: "BioImageRuntimeTests", dependencies: ["BioImageRuntime"]),
        .testTarget(name: "BioImageONNXTests", dependencies: ["BioImageONNX", "BioImageSpec", "BioImageRuntime"]),
        .testTarget(name: "BioImageIOTestSupportTests", dependencies: ["BioImageIOTestSupport", "BioImageONNX"]),
    ],
    swiftLanguageModes: [.v6]
)
