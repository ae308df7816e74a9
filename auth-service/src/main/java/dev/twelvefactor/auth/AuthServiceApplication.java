package dev.twelvefactor.auth;

import dev.twelvefactor.support.admin.AdminTasks;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class AuthServiceApplication {

	/**
	 * {@code java -jar auth-service.jar} serves; {@code ... admin TASK [ARGS]} runs a
	 * one-off admin task.
	 */
	public static void main(String[] args) {
		if (AdminTasks.requested(args)) {
			System.exit(AdminTasks.run(AuthServiceApplication.class, args));
		}
		SpringApplication.run(AuthServiceApplication.class, args);
	}

}
