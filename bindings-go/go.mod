module example.invalid/onespan-sign/bindings-go

go 1.22
