package dev.twelvefactor.vanilla;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Spring Cloud Gateway with nothing of ours: the yardstick gateway-service is measured
 * against ({@code ./platform bench gateway}). Its one route is in application.yml.
 */
@SpringBootApplication
public class VanillaGatewayApplication {

	public static void main(String[] args) {
		SpringApplication.run(VanillaGatewayApplication.class, args);
	}

}
