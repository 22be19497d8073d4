module example.invalid/onespan-sign/bench/go

go 1.22

require example.invalid/onespan-sign/bindings-go v0.0.0

replace example.invalid/onespan-sign/bindings-go => ../../bindings-go
