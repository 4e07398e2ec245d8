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
        .executable(name: "bioimageio", targets: ["bioimageio"]),
    ],
    targets: [
        .target(name: "BioImageYAML"),
        .target(name: "BioImageTensor"),
        .target(name: "BioImageSpec", dependencies: ["BioImageYAML", "BioImageTensor"]),
        .target(name: "BioImageIO", dependencies: ["BioImageYAML", "BioImageTensor", "BioImageSpec"]),
        .executableTarget(name: "bioimageio", dependencies: ["BioImageIO"]),
        .testTarget(name: "BioImageYAMLTests", dependencies: ["BioImageYAML"]),
        .testTarget(name: "BioImageTensorTests", dependencies: ["BioImageTensor"]),
        .testTarget(name: "BioImageSpecTests", dependencies: ["BioImageSpec"]),
    ],
    swiftLanguageModes: [.v6]
)
