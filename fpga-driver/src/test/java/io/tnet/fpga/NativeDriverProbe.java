package io.tnet.fpga;

/** Prints {@link NativeDriver#availability()} and what opening a mock device says; run in a child JVM. */
final class NativeDriverProbe {

    private NativeDriverProbe() {
    }

    public static void main(String[] args) {
        NativeDriver.Availability a = NativeDriver.availability();
        System.out.println("available=" + a.available());
        System.out.println("reason=" + a.reason());
        try (FpgaDevice d = FpgaDevice.open("mock:")) {
            System.out.println("open=" + d.info().transport());
        } catch (FpgaException e) {
            System.out.println("open failed: " + e.getMessage());
        }
    }
}
